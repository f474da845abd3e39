"""scripts/with-opensearch stops the node it started, however its command ends.

The node is a stand-in: a fake JDK whose bin/java says "opensearch: ready" and sleeps, so the
script's own start and stop are what is under test, in a second, without an OpenSearch node.
Run by make gate: python3 -m unittest discover -s scripts -p 'test_*.py'.
"""

import os
import signal
import socket
import stat
import subprocess
import tempfile
import time
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "with-opensearch")

FAKE_JAVA = """#!/usr/bin/env bash
echo $$ > "{pid_file}"
echo "opensearch: ready"
exec sleep 300
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alive(pid):
    """Running, and not a zombie (a process that ended and that its parent has not reaped yet)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


class WithOpenSearchTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.node_pid_file = os.path.join(self.dir.name, "node.pid")
        self.started = os.path.join(self.dir.name, "command-started")
        java = os.path.join(self.dir.name, "jdk", "bin", "java")
        os.makedirs(os.path.dirname(java))
        with open(java, "w") as f:
            f.write(FAKE_JAVA.format(pid_file=self.node_pid_file))
        os.chmod(java, os.stat(java).st_mode | stat.S_IXUSR)
        self.env = dict(os.environ, JAVA_HOME=os.path.join(self.dir.name, "jdk"),
                        OPENSEARCH_NODE_JAR="unused.jar", OPENSEARCH_PORT=str(free_port()),
                        OPENSEARCH_URL="", OPENSEARCH_LOG=os.path.join(self.dir.name, "node.log"))

    def run_script(self, command):
        process = subprocess.Popen([SCRIPT, "bash", "-c", command], env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self.kill_leftovers, process)
        return process

    def read_node_pid(self):
        with open(self.node_pid_file) as f:
            return int(f.read())

    def node_pid(self):
        self.assertTrue(wait_for(lambda: os.path.exists(self.node_pid_file)), "no node started")
        return self.read_node_pid()

    def kill_leftovers(self, process):
        if process.poll() is None:
            process.kill()
            process.wait()
        if os.path.exists(self.node_pid_file) and alive(self.read_node_pid()):
            os.kill(self.read_node_pid(), signal.SIGKILL)

    def test_stopped_by_sigterm_it_stops_the_node(self):
        # A command that SIGTERM ends with a non-zero status, as the gateway's JVM (143) does.
        process = self.run_script(f"touch '{self.started}'; exec sleep 300")
        node = self.node_pid()
        self.assertTrue(wait_for(lambda: os.path.exists(self.started)), "the command did not run")
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
        self.assertTrue(wait_for(lambda: not alive(node), 10), f"node {node} still runs")

    def test_a_command_that_ends_by_itself_stops_the_node_and_gives_its_status(self):
        process = self.run_script("exit 3")
        node = self.node_pid()
        self.assertEqual(process.wait(timeout=20), 3)
        self.assertTrue(wait_for(lambda: not alive(node), 10), f"node {node} still runs")


if __name__ == "__main__":
    unittest.main()
