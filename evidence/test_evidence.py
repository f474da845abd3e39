"""Tests of the evidence writer, the verifier and the page, on a small made-up run.

    python3 -m unittest discover -s evidence -p 'test_*.py'      (make gate runs them)

Each test builds a repository tree of its own in a temporary folder (a module with tagged test
code, its claim report, Surefire XML, a zip, a jar and an SBOM), so that it can break exactly one
thing: a byte of the zip, of a report or of the Statement; a stale report; a claim nothing tags.
"""
import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CLAIMS = [
    {"id": "alpha", "title": "Alpha holds"},
    {"id": "beta", "title": "Beta holds where Docker is"},
    {"id": "gamma", "title": "Gamma will hold", "pending": "the gamma tests"},
    {"id": "local", "title": "The local server passes verify", "transcripts": ["target/verify-local.json"]},
]
TEST_CODE = """package x;
import org.junit.jupiter.api.Tag;
@Tag("claim:alpha")
class AlphaTest {
  @Test
  @Tag("claim:beta")
  void needsDocker() {}
}
"""


def ed25519_pem():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    return ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def p256_pem():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    return ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


class Run:
    """A made-up repository and one gate run in it."""

    def __init__(self, root, claims=CLAIMS, code=TEST_CODE):
        self.root = root
        self.claims_file = os.path.join(root, "claims.json")
        self.write("claims.json", json.dumps({"claims": claims}))
        self.write("pom.xml", "<project><properties><maven.compiler.release>21</maven.compiler.release></properties></project>")
        self.write("mod/src/test/java/x/AlphaTest.java", code)
        self.env = dict(os.environ, EVIDENCE_ROOT=root, EVIDENCE_CLAIMS=self.claims_file)
        for key in ("EVIDENCE_SIGNING_KEY", "EVIDENCE_SIGNING_KEY_FILE", "ZIP", "JAR", "PUBKEY"):
            self.env.pop(key, None)

    def write(self, path, text, mode="w"):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, mode) as f:
            f.write(text)
        return full

    def tool(self, name, *args, env=None):
        return subprocess.run([sys.executable, os.path.join(HERE, name), *args], capture_output=True, text=True,
                              env=dict(self.env, **(env or {})), timeout=300)

    def begin(self):
        r = self.tool("write_evidence.py", "begin")
        assert r.returncode == 0, r.stderr
        time.sleep(0.05)  # reports of this run are written after it began
        return self.tool("write_evidence.py", "run-id").stdout.strip()

    def tests_ran(self, run_id, alpha="passed", beta=("skipped", "Docker is not available"), name="claims-1.json"):
        started = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() - 1)) + "Z"
        finished = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 1)) + "Z"
        report = {"run": run_id, "module": "mod", "store": None, "started": started, "finished": finished,
                  "tests": [
                      {"id": "[a]", "class": "x.AlphaTest", "method": "holds", "name": "holds()", "status": alpha,
                       "reason": None, "tags": ["claim:alpha"]},
                      {"id": "[b]", "class": "x.AlphaTest", "method": "needsDocker", "name": "needsDocker()",
                       "status": beta[0], "reason": beta[1], "tags": ["claim:alpha", "claim:beta"]}]}
        self.write(f"mod/target/claim-reports/{name}", json.dumps(report))
        failure = "<failure type='x'/>" if alpha == "failed" else ""
        self.write("mod/target/surefire-reports/TEST-x.AlphaTest.xml",
                   f"<testsuite time='1.0'><testcase classname='x.AlphaTest' name='holds'>{failure}</testcase>"
                   "<testcase classname='x.AlphaTest' name='needsDocker'><skipped message='Docker is not available'/>"
                   "</testcase></testsuite>")
        self.write("target/verify-local.json", json.dumps({"ok": True, "summary": "12 checks passed"}))
        self.write("service/target/gateway-lambda.zip", lambda_zip(["alpha-lib-1.0.jar", "beta-lib-2.1.jar"]), "wb")
        self.write("service/target/service-1.0.0-SNAPSHOT.jar", b"PK\x03\x04 the service jar", "wb")
        self.write("service/target/bom.json", json.dumps({"bomFormat": "CycloneDX", "components": [
            {"name": "alpha-lib", "version": "1.0"}, {"name": "beta-lib", "version": "2.1"}]}))

    def evidence(self, key=None):
        env = {"EVIDENCE_SIGNING_KEY": key.decode()} if key else {}
        return self.tool("write_evidence.py", env=env)

    def verify(self, *args):
        return self.tool("verify_evidence.py", *args)

    def out(self, name):
        return os.path.join(self.root, "target", "evidence", name)

    def claims(self):
        with open(self.out("claims.json")) as f:
            return {c["id"]: c for c in json.load(f)["claims"]}


def lambda_zip(jars):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("dev/Handler.class", b"\xca\xfe\xba\xbe" * 200)
        for jar in jars:
            z.writestr(f"lib/{jar}", b"PK a jar")
    return buffer.getvalue()


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def flip_one_byte(path, offset=None):
    with open(path, "r+b") as f:
        data = f.read()
        i = len(data) // 2 if offset is None else offset
        f.seek(i)
        f.write(bytes([data[i] ^ 0x01]))


class EvidenceTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="evidence-test-")
        self.addCleanup(shutil.rmtree, self.root, True)

    def signed_run(self, key_pem=None):
        run = Run(self.root)
        run.tests_ran(run.begin())
        r = run.evidence(key_pem or ed25519_pem())
        self.assertEqual(0, r.returncode, r.stdout + r.stderr)
        return run

    def test_provesATaggedClaimAndReadsASkippedOneAsNotRunWithTheReason(self):
        run = self.signed_run()
        claims = run.claims()

        self.assertEqual("proven", claims["alpha"]["status"])
        self.assertEqual({"passed": 1, "failed": 0, "skipped": 1}, claims["alpha"]["counts"])
        self.assertEqual("not run", claims["beta"]["status"])
        self.assertIn("Docker is not available", claims["beta"]["reason"])
        self.assertEqual("pending", claims["gamma"]["status"])
        self.assertEqual("proven", claims["local"]["status"])

    def test_writesAnInTotoStatementOverTheZipTheJarAndTheSbom(self):
        run = self.signed_run()
        with open(run.out("statement.json")) as f:
            st = json.load(f)

        self.assertEqual("https://in-toto.io/Statement/v1", st["_type"])
        self.assertEqual(["lambda-zip", "service-jar", "sbom"], [s["annotations"]["role"] for s in st["subject"]])
        for key in ("claims", "commit", "dirty", "toolchain", "started", "finished", "reports"):
            self.assertIn(key, st["predicate"], key)
        self.assertEqual("21", st["predicate"]["toolchain"]["java_release"])
        kinds = sorted({r["kind"] for r in st["predicate"]["reports"]})
        self.assertEqual(["claims", "surefire", "transcript"], kinds)

    def test_verifiesUntouchedEvidenceWithAnEd25519OrAP256Key(self):
        for name, key in (("ed25519", ed25519_pem()), ("p-256", p256_pem())):
            with self.subTest(key=name):
                shutil.rmtree(self.root)
                os.makedirs(self.root)
                run = self.signed_run(key)
                r = run.verify()
                self.assertEqual(0, r.returncode, r.stdout)
                self.assertIn("ok   signature", r.stdout)

    def test_failsVerificationWhenOneByteChanges(self):
        cases = {
            "zip": (lambda run: run.root + "/service/target/gateway-lambda.zip", "FAIL subject lambda-zip"),
            "report": (lambda run: run.out("reports/mod/target/surefire-reports/TEST-x.AlphaTest.xml"), "FAIL report"),
            "statement": (lambda run: run.out("statement.json"), "FAIL signature"),
            "sbom": (lambda run: run.out("bom.json"), "FAIL subject sbom"),
        }
        for name, (path, expected) in cases.items():
            with self.subTest(tampered=name):
                shutil.rmtree(self.root)
                os.makedirs(self.root)
                run = self.signed_run()
                flip_one_byte(path(run))

                r = run.verify()

                self.assertEqual(1, r.returncode, r.stdout)
                self.assertIn(expected, r.stdout)

    def test_failsWhenTheStatementAndTheSignedPayloadAreChangedTogether(self):
        run = self.signed_run()
        original = read(run.out("statement.json"))
        # Same length: only a signature over the payload's bytes, not its size, can tell.
        changed = original.replace('"status": "proven"', '"status": "failed"', 1)
        self.assertNotEqual(original, changed)
        write(run.out("statement.json"), changed)
        envelope = json.loads(read(run.out("statement.dsse.json")))
        envelope["payload"] = base64.b64encode(changed.encode()).decode()
        write(run.out("statement.dsse.json"), json.dumps(envelope))

        r = run.verify()

        self.assertEqual(1, r.returncode, r.stdout)
        self.assertIn("FAIL signature: no signature", r.stdout)

    def test_checksAZipGivenOnTheCommandLine(self):
        run = self.signed_run()
        other = run.write("elsewhere/gateway-lambda.zip", b"PK\x03\x04 another zip", "wb")

        self.assertEqual(1, run.verify("--zip", other).returncode)
        self.assertEqual(0, run.verify("--zip", run.root + "/service/target/gateway-lambda.zip").returncode)

    def test_refusesASignatureFromAKeyOtherThanTheTrustedOne(self):
        run = self.signed_run()
        from cryptography.hazmat.primitives import serialization
        other = serialization.load_pem_private_key(ed25519_pem(), None).public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        trusted = run.write("trusted.pub.pem", other, "wb")

        r = run.verify("--public-key", trusted)

        self.assertEqual(1, r.returncode)
        self.assertIn("FAIL signature", r.stdout)

    def test_failsTheGateForAClaimThatNoTestInTheCodeTags(self):
        run = Run(self.root, claims=CLAIMS + [{"id": "epsilon", "title": "Nobody tests this"}])
        run.tests_ran(run.begin())

        r = run.evidence()

        self.assertEqual(1, r.returncode)
        self.assertEqual("no test", run.claims()["epsilon"]["status"])
        self.assertIn("claim epsilon no test", r.stdout)

    def test_failsTheGateForAPendingClaimThatNowHasTestsAndForAnUnknownTag(self):
        code = TEST_CODE.replace('@Tag("claim:beta")', '@Tag("claim:beta")\n  @Tag("claim:gamma")\n  @Tag("claim:alhpa")')
        run = Run(self.root, code=code)
        run.tests_ran(run.begin())

        r = run.evidence()

        self.assertEqual(1, r.returncode)
        self.assertIn("remove the claim's 'pending' mark", run.claims()["gamma"]["reason"])
        self.assertIn("unknown claim tag claim:alhpa", r.stdout)

    def test_failsAClaimWhoseTestFailed(self):
        run = Run(self.root)
        run.tests_ran(run.begin(), alpha="failed")

        r = run.evidence()

        self.assertEqual(1, r.returncode)
        self.assertEqual("failed", run.claims()["alpha"]["status"])

    def test_neverMixesInReportsOfAnotherRun(self):
        run = Run(self.root)
        earlier = run.begin()
        run.tests_ran(earlier, name="claims-earlier.json")
        os.remove(run.root + "/target/evidence-run.json")
        time.sleep(1.1)
        run.begin()  # a new run whose tests have not run: every report at hand is the earlier run's

        r = run.evidence()

        self.assertEqual(1, r.returncode)
        refused = {x["file"] for x in json.loads(read(run.out("evidence.json")))["refused"]}
        self.assertIn("mod/target/claim-reports/claims-earlier.json", refused)
        self.assertIn("mod/target/surefire-reports/TEST-x.AlphaTest.xml", refused)
        self.assertIn("target/verify-local.json", refused)
        self.assertEqual("not run", run.claims()["alpha"]["status"])

    def test_failsWhenTheZipShipsAJarTheSbomDoesNotList(self):
        run = Run(self.root)
        run.tests_ran(run.begin())
        run.write("service/target/gateway-lambda.zip", lambda_zip(["alpha-lib-1.0.jar", "gamma-lib-3.0.jar"]), "wb")

        r = run.evidence()

        self.assertEqual(1, r.returncode)
        self.assertIn("the zip ships jars the SBOM does not list: gamma-lib-3.0.jar", r.stdout)

    def test_refusesToBuildWithoutARun(self):
        run = Run(self.root)

        self.assertEqual(1, run.evidence().returncode)


@unittest.skipUnless(shutil.which(os.environ.get("CHROMIUM") or "chromium"), "chromium is not installed")
class PageInChromiumTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="evidence-page-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.run_ = Run(self.root)
        self.run_.tests_ran(self.run_.begin())
        r = self.run_.evidence()
        assert r.returncode == 0, r.stdout

    def check(self):
        return self.run_.tool("browser_check.py")

    def test_drawsEveryClaimWithItsStatusAndMakesNoRequest(self):
        r = self.check()

        self.assertEqual(0, r.returncode, r.stdout + r.stderr)
        self.assertIn("all 4 claims drawn", r.stdout)
        self.assertTrue(os.path.getsize(self.run_.out("page.png")) > 1000)

    def test_failsForARowWhoseStatusIsNotTheJsons(self):
        page = self.run_.out("index.html")
        write(page, read(page).replace('<span class="status ok">proven</span></td><td class="n">1',
                                       '<span class="status ok">failed</span></td><td class="n">1', 1))

        r = self.check()

        self.assertEqual(1, r.returncode)
        self.assertIn("FAIL claim rows: alpha shows 'failed'", r.stdout)

    def test_failsForAPageThatLoadsSomethingFromOutside(self):
        page = self.run_.out("index.html")
        write(page, read(page).replace("</main>", '<img src="http://127.0.0.1:9/pixel.png"></main>'))

        r = self.check()

        self.assertEqual(1, r.returncode)
        self.assertIn("FAIL self-contained", r.stdout)

    def test_failsForAPageThatRequestsSomethingFromOutsideThroughAScript(self):
        page = self.run_.out("index.html")
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", read(page))
        write(page, text.replace("</main>", "<script>new Image().src='http://127.0.0.1:9/p.png'</script></main>"))

        r = self.check()

        self.assertEqual(1, r.returncode)
        self.assertIn("FAIL requests: the page requested http://127.0.0.1:9/p.png", r.stdout)
        self.assertIn("ok   self-contained", r.stdout)

    def test_failsForAPageDrawnWiderThanTheWindow(self):
        page = self.run_.out("index.html")
        write(page, read(page).replace("</main>", '<div style="width:5000px">wide</div></main>'))

        r = self.check()

        self.assertEqual(1, r.returncode)
        self.assertIn("FAIL layout", r.stdout)


if __name__ == "__main__":
    unittest.main()
