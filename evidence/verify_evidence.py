#!/usr/bin/env python3
"""Checks a release's evidence against the files at hand: one line per check, exit 1 on any mismatch.

    verify_evidence.py [--evidence target/evidence] [--zip service/target/gateway-lambda.zip]
                       [--jar service/target/service-*.jar] [--public-key trusted.pub.pem]

1. the DSSE signature over the Statement (with --public-key, the key you trust; without it, the
   key shipped beside the evidence, which proves integrity but not who signed), and that the
   Statement is the signed payload byte for byte;
2. every subject (the zip, the service jar, the SBOM) against its SHA-256 in the Statement;
3. every raw report copied beside the Statement against its recorded SHA-256;
4. the claim matrix and the page say what the Statement says, and no claim failed.
Python standard library; `cryptography` only for the signature.
"""
import argparse
import glob
import html.parser
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import dsse  # noqa: E402
from digest import sha256_file  # noqa: E402

ROOT = os.path.abspath(os.environ.get("EVIDENCE_ROOT", os.path.join(HERE, "..")))



class Checks:
    def __init__(self):
        self.failed = 0

    def line(self, outcome, check, detail):
        if outcome == "FAIL":
            self.failed += 1
        print(f"{outcome:4} {check}: {detail}")

    def ok(self, check, detail):
        self.line("ok", check, detail)

    def fail(self, check, detail):
        self.line("FAIL", check, detail)

    def skip(self, check, detail):
        self.line("skip", check, detail)


class PageRows(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-claim" in a:
            self.rows[a["data-claim"]] = a.get("data-status")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evidence", default=os.path.join(ROOT, "target", "evidence"))
    parser.add_argument("--zip", default=os.environ.get("ZIP") or None)
    parser.add_argument("--jar", default=os.environ.get("JAR") or None)
    parser.add_argument("--public-key", default=os.environ.get("PUBKEY") or None)
    args = parser.parse_args(argv[1:])
    checks = Checks()
    ev = args.evidence

    statement_path = os.path.join(ev, "statement.json")
    try:
        with open(statement_path, "rb") as f:
            statement_bytes = f.read()
        statement = json.loads(statement_bytes)
        assert statement["_type"] == "https://in-toto.io/Statement/v1"
        predicate = statement["predicate"]
        checks.ok("statement", f"{statement_path}: in-toto Statement v1, {statement['predicateType']}, "
                               f"commit {predicate['commit'][:12]}, run {predicate['run']}")
    except (OSError, ValueError, KeyError, AssertionError) as e:
        checks.fail("statement", f"{statement_path}: not a readable in-toto Statement v1 ({type(e).__name__})")
        return 1

    signature(checks, ev, statement_bytes, args.public_key)

    for subject in statement.get("subject", []):
        role = subject.get("annotations", {}).get("role", subject["name"])
        expected = subject["digest"]["sha256"]
        if role == "lambda-zip":
            path = args.zip or os.path.join(ROOT, subject["annotations"]["path"])
        elif role == "service-jar":
            path = args.jar or os.path.join(ROOT, subject["annotations"]["path"])
        else:
            path = os.path.join(ev, subject["name"])
        if not os.path.exists(path):
            if role == "service-jar" and not args.jar:
                checks.skip(f"subject {role}", f"{path} not at hand (JAR=... to check it)")
            else:
                checks.fail(f"subject {role}", f"{path} not found")
            continue
        actual = sha256_file(path)
        (checks.ok if actual == expected else checks.fail)(
            f"subject {role}", f"{path} sha256 {actual}" + ("" if actual == expected else f", Statement says {expected}"))

    reports = predicate.get("reports", [])
    bad = 0
    for report in reports:
        path = os.path.join(ev, report["path"])
        if not os.path.exists(path):
            checks.fail("report", f"{report['path']} is missing")
            bad += 1
        elif sha256_file(path) != report["sha256"]:
            checks.fail("report", f"{report['path']} does not match its recorded sha256")
            bad += 1
    listed = {os.path.normpath(r["path"]) for r in reports}
    for path in glob.glob(os.path.join(ev, "reports", "**", "*"), recursive=True):
        if os.path.isfile(path) and os.path.normpath(os.path.relpath(path, ev)) not in listed:
            checks.fail("report", f"{os.path.relpath(path, ev)} is not in the Statement")
            bad += 1
    if not bad:
        checks.ok("reports", f"{len(reports)} raw reports match their recorded sha256")

    claims = {c["id"]: c["status"] for c in predicate.get("claims", [])}
    for name, read in (("claims.json", lambda t: {c["id"]: c["status"] for c in json.loads(t)["claims"]}),
                       ("index.html", page_rows)):
        path = os.path.join(ev, name)
        try:
            with open(path, encoding="utf-8") as f:
                theirs = read(f.read())
        except (OSError, ValueError, KeyError) as e:
            checks.fail(name, f"unreadable ({type(e).__name__})")
            continue
        differ = sorted(k for k in set(claims) | set(theirs) if claims.get(k) != theirs.get(k))
        (checks.fail if differ else checks.ok)(
            name, f"differs from the Statement for {', '.join(differ[:8])}" if differ
            else f"every one of {len(claims)} claims has the Statement's status")

    failing = sorted(k for k, v in claims.items() if v in ("failed", "no test"))
    tally = {}
    for v in claims.values():
        tally[v] = tally.get(v, 0) + 1
    (checks.fail if failing else checks.ok)(
        "claims", ", ".join(f"{n} {s}" for s, n in sorted(tally.items()))
        + (f"; failing: {', '.join(failing)}" if failing else ""))
    print(f"verify-evidence: {'FAILED, ' + str(checks.failed) + ' check(s)' if checks.failed else 'all checks passed'}")
    return 1 if checks.failed else 0


def page_rows(text):
    parser = PageRows()
    parser.feed(text)
    return parser.rows


def signature(checks, ev, statement_bytes, trusted):
    env_path = os.path.join(ev, "statement.dsse.json")
    if not os.path.exists(env_path):
        if trusted:
            checks.fail("signature", "a trusted key was given but the evidence is not signed")
        else:
            checks.skip("signature", "the evidence is unsigned (make gate with EVIDENCE_SIGNING_KEY_FILE=... signs)")
        return
    key_path = trusted or os.path.join(ev, "signing-key.pub.pem")
    try:
        with open(env_path, encoding="utf-8") as f:
            env = json.load(f)
        with open(key_path, "rb") as f:
            payload = dsse.verify(env, f.read())
    except (OSError, ValueError, KeyError) as e:
        checks.fail("signature", f"cannot check {env_path} with {key_path} ({type(e).__name__})")
        return
    if payload is None:
        checks.fail("signature", f"no signature in {env_path} verifies with {key_path}")
    elif payload != statement_bytes:
        checks.fail("signature", "the signature verifies, but statement.json is not the signed payload")
    else:
        whose = "the trusted key" if trusted else "the key shipped beside it (integrity only: PUBKEY=... for who signed)"
        checks.ok("signature", f"DSSE over the Statement verifies with {whose} {key_path}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
