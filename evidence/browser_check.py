#!/usr/bin/env python3
"""Opens the evidence page in headless Chromium and checks what a reader sees; keeps a screenshot.

    browser_check.py [--evidence target/evidence]

Checks, one line each, exit 1 on any failure:
- every claim of claims.json has its row on the drawn page, with the status the JSON gives, in
  the row's attribute and in the badge a reader sees;
- the page's own layout check (its inline script) found nothing drawn outside the window;
- the browser made no request but for the page itself (Chromium's network log), and the page
  names no external resource;
- the screenshot (page.png, beside the page) was written.
Chromium is Debian's `chromium` (CHROMIUM= another binary); .ci/run installs it where missing.
"""
import argparse
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.environ.get("EVIDENCE_ROOT", os.path.join(HERE, "..")))
# Nothing resolves: whatever the browser or the page asks for never leaves the machine, and still
# shows in the network log, where the check finds it.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--virtual-time-budget=5000", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,2400"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "chrome:", "chrome-error:")


class Dom(html.parser.HTMLParser):
    """The drawn DOM: claim rows with their badge text, the layout verdict, resource references."""

    def __init__(self):
        super().__init__()
        self.rows = {}
        self.layout = None
        self.references = []
        self._row = None
        self._depth = 0  # rows open inside the claim's row (its details hold a table of tests)
        self._badge = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.layout = a.get("data-layout")
        if tag == "tr" and "data-claim" in a:
            self._row = a["data-claim"]
            self._depth = 0
            self.rows[self._row] = {"status": a.get("data-status"), "badge": ""}
        elif tag == "tr" and self._row:
            self._depth += 1
        if tag == "span" and self._row and not self._depth and "status" in (a.get("class") or "").split():
            self._badge = True
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            if a.get(name) and not a[name].startswith(("#", "data:")):
                self.references.append(f"<{tag} {name}={a[name]}>")
        if tag == "link" or (tag == "script" and a.get("src")):
            self.references.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag == "span":
            self._badge = False
        if tag == "tr" and self._row:
            if self._depth:
                self._depth -= 1
            else:
                self._row = None

    def handle_data(self, data):
        if self._badge and self._row:
            self.rows[self._row]["badge"] += data.strip()


def chromium():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def run(browser, profile, extra, timeout=120):
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *extra], capture_output=True,
                          text=True, timeout=timeout)


def requested_urls(net_log_path):
    """The URLs the page asked for, and how many the browser asked for on its own, from the net log.

    A request the page makes carries the page's origin (file://, serialised "null") as initiator
    and network isolation key; Chromium's own (its clock, component updates, account checks,
    which its flags do not all stop) carry "not an origin".
    """
    with open(net_log_path, encoding="utf-8", errors="replace") as f:
        text = f.read().rstrip().rstrip(",")
    if not text.endswith("}"):
        text += "]}"
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        text = text[: text.rfind("}") + 1] + "]}"
        log = json.loads(text)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    page, browser = set(), set()
    for event in log.get("events", []):
        params = event.get("params") or {}
        if event.get("type") != start_job or not isinstance(params.get("url"), str):
            continue
        own = params.get("initiator") == "not an origin" and not str(
            params.get("network_isolation_key", "")).startswith("file://")
        (browser if own else page).add(params["url"])
    return page, browser


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evidence", default=os.path.join(ROOT, "target", "evidence"))
    args = parser.parse_args(argv[1:])
    page = os.path.join(os.path.abspath(args.evidence), "index.html")
    screenshot = os.path.join(os.path.abspath(args.evidence), "page.png")
    browser = chromium()
    if browser is None:
        print("FAIL browser: no chromium (apt-get install chromium; .ci/run does it)")
        return 1
    with open(os.path.join(args.evidence, "claims.json"), encoding="utf-8") as f:
        claims = json.load(f)["claims"]
    failed = 0

    def line(ok, check, detail):
        nonlocal failed
        failed += not ok
        print(f"{'ok' if ok else 'FAIL':4} {check}: {detail}")

    url = "file://" + page
    with tempfile.TemporaryDirectory(prefix="evidence-chromium-") as tmp:
        net_log = os.path.join(tmp, "net-log.json")
        dump = run(browser, os.path.join(tmp, "profile-dom"),
                   [f"--log-net-log={net_log}", "--net-log-capture-mode=Default", "--dump-dom", url])
        if dump.returncode != 0 or "<html" not in dump.stdout:
            line(False, "browser", f"{browser} --dump-dom exited {dump.returncode}")
            return 1
        if os.path.exists(screenshot):
            os.remove(screenshot)
        shot = run(browser, os.path.join(tmp, "profile-shot"),
                   [f"--screenshot={screenshot}", url])
        urls = requested_urls(net_log) if os.path.exists(net_log) else None

    dom = Dom()
    dom.feed(dump.stdout)
    wrong = []
    for c in claims:
        row = dom.rows.get(c["id"])
        if row is None:
            wrong.append(f"{c['id']} has no row")
        elif row["status"] != c["status"] or row["badge"] != c["status"]:
            wrong.append(f"{c['id']} shows {row['badge']!r} (attribute {row['status']!r}), JSON says {c['status']!r}")
    extra_rows = sorted(set(dom.rows) - {c["id"] for c in claims})
    wrong += [f"{r} is on the page but not in claims.json" for r in extra_rows]
    line(not wrong, "claim rows", "; ".join(wrong[:10]) if wrong
         else f"all {len(claims)} claims drawn with the status claims.json gives")
    line(dom.layout == "ok", "layout", f"the page's layout check says {dom.layout!r}")
    line(not dom.references, "self-contained", "references " + ", ".join(dom.references[:5]) if dom.references
         else "no external script, style, font or image is referenced")
    if urls is None:
        line(False, "requests", "Chromium wrote no network log")
    else:
        page_urls, browser_urls = urls
        external = sorted(u for u in page_urls if not u.startswith(LOCAL_SCHEMES))
        line(not external, "requests", f"the page requested {', '.join(external[:5])}" if external
             else f"the page requested nothing beyond itself (Chromium's own background requests, "
                  f"not the page's and resolved nowhere: {len(browser_urls)})")
    shot_ok = shot.returncode == 0 and os.path.exists(screenshot) and os.path.getsize(screenshot) > 1000
    line(shot_ok, "screenshot", os.path.relpath(screenshot, ROOT) if shot_ok
         else f"not written (chromium exited {shot.returncode})")
    print(f"browser-check: {'FAILED, ' + str(failed) + ' check(s)' if failed else 'all checks passed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
