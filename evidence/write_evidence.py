#!/usr/bin/env python3
"""Release evidence: the claim matrix, an in-toto Statement over the artifacts, and a page to read.

    write_evidence.py begin     start a gate run: target/evidence-run.json (run id, commit, time)
    write_evidence.py run-id    print the current run's id (make gate passes it to Maven)
    write_evidence.py           write target/evidence/ from this run's reports (make evidence)

Python standard library, plus `cryptography` (in the image) only to sign. It stays Python rather
than Java so that an auditor checks a release (verify_evidence.py) with nothing but python3, no
build, and so that `make evidence` rebuilds the evidence without starting Maven.

A report is used only when it belongs to the current run: claim reports by their run id; every
other report by its time, after the run began and, for a module's test reports, within that
module's test runs. Anything else is listed as refused and not used, so a report left by another
run is never mixed in. Inputs (each optional; what is missing is listed as missing):
  */target/claim-reports/claims-*.json     testkit's ClaimRecorder: each test's tags and outcome
  */target/surefire-reports*/TEST-*.xml    JUnit results (raw reports, digested and copied)
  */target/property-report*.json           property-based tests: examples and seed per property
  */target/pit-reports/mutations.xml       PIT mutation testing (service-tests)
  target/verify-local.json, localstack-it/target/verify-lambda-*.json, target/smoke-cloud/*.json
  localstack-it/target/localstack-status.txt, target/terraform-check.txt, target/bench.json
  service/target/gateway-lambda.zip, the service jar, service/target/bom.json (subjects)
Outputs in target/evidence/: claims.json (the matrix), statement.json (in-toto Statement v1),
statement.dsse.json (when EVIDENCE_SIGNING_KEY or EVIDENCE_SIGNING_KEY_FILE gives a key),
index.html (the page), evidence.json, EVIDENCE.md, bom.json, reports/ (copies of the raw reports).
Exit 1 when a claim failed or has no test, so a gate that forgot to fail still fails here.
"""
import datetime
import fnmatch
import glob
import json
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import page  # noqa: E402  (beside this file)
import dsse  # noqa: E402
from digest import sha256_file  # noqa: E402

ROOT = os.path.abspath(os.environ.get("EVIDENCE_ROOT", os.path.join(HERE, "..")))
OUT = os.path.join(ROOT, "target", "evidence")
RUN_FILE = os.path.join(ROOT, "target", "evidence-run.json")
CATALOGUE = os.environ.get("EVIDENCE_CLAIMS") or os.path.join(HERE, "claims.json")
TAG = re.compile(r'@Tag\(\s*"claim:([^"]*)"\s*\)')
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://retrievalgateway.dev/release-evidence/v1"
# Surefire's Maven side writes a test class's XML when the fork reports the class done: a little
# after the fork's own listener saw it. Later than this past a module's run, it is another run's.
REPORT_LAG_SECONDS = 120
LAMBDA_ZIP = "service/target/gateway-lambda.zip"
SBOM = "service/target/bom.json"


def rel(path):
    return os.path.relpath(path, ROOT)



def now():
    return datetime.datetime.now(datetime.timezone.utc)


def iso(t):
    return t.astimezone(datetime.timezone.utc).isoformat(timespec="seconds")


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def git(*args):
    try:
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


# ---- the run ------------------------------------------------------------------------------------

def begin():
    """Starts a run: every report written from now on, and only those, belongs to it."""
    os.makedirs(os.path.dirname(RUN_FILE), exist_ok=True)
    started = now()
    status = git("status", "--porcelain", "--untracked-files=no")
    run = {
        "run": started.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(4),
        "commit": git("rev-parse", "HEAD") or "unknown",
        "dirty": bool(status) if status is not None else None,
        "started": started.isoformat(timespec="milliseconds"),
    }
    with open(RUN_FILE, "w", encoding="utf-8") as f:
        json.dump(run, f, indent=2)
    print(f"evidence: run {run['run']} begins at commit {run['commit'][:12]}"
          f"{' (dirty tree)' if run['dirty'] else ''}")
    return 0


def current_run():
    if not os.path.exists(RUN_FILE):
        return None
    with open(RUN_FILE, encoding="utf-8") as f:
        run = json.load(f)
    run["started_at"] = parse_time(run["started"])
    return run


class Reports:
    """This run's reports: the ones used, and the ones refused with the reason."""

    def __init__(self, run):
        self.run = run
        self.used = []  # (path, kind)
        self.refused = []  # {"file", "why"}
        self.windows = {}  # module -> [(started, finished)] of its bound test runs

    def mtime(self, path):
        return datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc)

    def refuse(self, path, why):
        self.refused.append({"file": rel(path), "why": why})

    def after_start(self, path, kind):
        """Any report written after the run began."""
        if self.mtime(path) < self.run["started_at"]:
            self.refuse(path, f"written {iso(self.mtime(path))}, before this run began "
                              f"({iso(self.run['started_at'])}): a report of an earlier run")
            return False
        self.used.append((path, kind))
        return True

    def within_module_runs(self, path, kind):
        """A module's test report: written during (or just after) one of its bound test runs."""
        if not self.after_start(path, kind):
            return False
        module = rel(path).split(os.sep)[0]
        t = self.mtime(path)
        lag = datetime.timedelta(seconds=REPORT_LAG_SECONDS)
        if any(start - lag <= t <= end + lag for start, end in self.windows.get(module, [])):
            return True
        self.used.pop()
        self.refuse(path, f"written {iso(t)}, outside every test run of {module} in this run: "
                          "another run's report")
        return False


def claim_reports(reports):
    bound = []
    for path in sorted(glob.glob(os.path.join(ROOT, "*", "target", "claim-reports", "claims-*.json"))):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        if report.get("run") != reports.run["run"]:
            reports.refuse(path, f"run {report.get('run')}, not this run ({reports.run['run']})")
            continue
        reports.used.append((path, "claims"))
        report["file"] = rel(path)
        started, finished = parse_time(report["started"]), parse_time(report["finished"])
        reports.windows.setdefault(report["module"], []).append((started, finished))
        bound.append(report)
    return bound


# ---- raw reports --------------------------------------------------------------------------------

def surefire(reports):
    modules, skipped = {}, []
    paths = glob.glob(os.path.join(ROOT, "*", "target", "surefire-reports*", "TEST-*.xml"))
    for path in sorted(paths):
        if not reports.within_module_runs(path, "surefire"):
            continue
        parts = rel(path).split(os.sep)
        module = parts[0] if parts[2] == "surefire-reports" else f"{parts[0]} ({parts[2]})"
        suite = ET.parse(path).getroot()
        m = modules.setdefault(module, {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "seconds": 0.0})
        m["seconds"] = round(m["seconds"] + float(suite.get("time", "0").replace(",", "")), 1)
        for case in suite.iter("testcase"):
            m["tests"] += 1
            m["failures"] += case.find("failure") is not None
            m["errors"] += case.find("error") is not None
            skip = case.find("skipped")
            if skip is not None:
                m["skipped"] += 1
                reason = skip.get("message") or " ".join((skip.text or "").strip().splitlines()[:1])
                skipped.append({"module": module, "test": f"{case.get('classname')}.{case.get('name')}",
                                "reason": reason[:300]})
    return modules, skipped


def properties(reports):
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "*", "target", "property-report*.json"))):
        if not reports.within_module_runs(path, "properties"):
            continue
        with open(path, encoding="utf-8") as f:
            out.append({"file": rel(path), "report": json.load(f)})
    return out


def mutation(reports):
    results = []
    for path in sorted(glob.glob(os.path.join(ROOT, "*", "target", "pit-reports", "**", "mutations.xml"),
                                 recursive=True)):
        if not reports.after_start(path, "mutation"):
            continue
        total = killed = 0
        survivors = []
        for m in ET.parse(path).getroot().iter("mutation"):
            total += 1
            if m.get("detected") == "true":
                killed += 1
            else:
                survivors.append({
                    "class": m.findtext("mutatedClass") or "", "method": m.findtext("mutatedMethod") or "",
                    "line": m.findtext("lineNumber") or "",
                    "mutator": (m.findtext("mutator") or "").rsplit(".", 1)[-1], "status": m.get("status"),
                })
        results.append({"file": rel(path), "mutants": total, "killed": killed,
                        "score_percent": round(100.0 * killed / total, 1) if total else None,
                        "survivors": survivors})
    return results


TRANSCRIPTS = ["target/verify*.json", "*/target/verify*.json", "target/smoke-cloud/*.json"]


def transcripts(reports):
    out = []
    seen = set()
    for pattern in TRANSCRIPTS:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if path in seen:
                continue
            seen.add(path)
            in_module = rel(path).split(os.sep)[0] != "target"
            if not (reports.within_module_runs if in_module else reports.after_start)(path, "transcript"):
                continue
            with open(path, encoding="utf-8") as f:
                try:
                    data = json.load(f)
                except json.JSONDecodeError:
                    data = {"ok": False, "summary": "not JSON: a broken transcript"}
            out.append({"file": rel(path), "failed": transcript_failed(data), "transcript": data})
    return out


def transcript_failed(data):
    if isinstance(data, dict):
        if data.get("ok") is False or data.get("passed") is False or data.get("match") is False:
            return True
        for check in data.get("checks", []):
            if isinstance(check, dict) and (check.get("ok") is False or check.get("status") == "fail"):
                return True
    return False


def text_reports(reports):
    out = {}
    for name, pattern, in_module in (
            ("localstack", "localstack-it/target/localstack-status.txt", True),
            ("terraform", "target/terraform-check.txt", False)):
        path = os.path.join(ROOT, pattern)
        if os.path.exists(path) and (reports.within_module_runs if in_module else reports.after_start)(path, name):
            with open(path, encoding="utf-8", errors="replace") as f:
                out[name] = {"file": rel(path), "text": f.read()[:4000]}
    path = os.path.join(ROOT, "target", "bench.json")
    if os.path.exists(path) and reports.after_start(path, "bench"):
        with open(path, encoding="utf-8") as f:
            out["bench"] = {"file": rel(path), "data": json.load(f)}
    return out


def subjects(reports, problems):
    """The zip, the service jar and the SBOM: this run's, by SHA-256."""
    found = []
    jars = sorted(p for p in glob.glob(os.path.join(ROOT, "service", "target", "service-*.jar"))
                  if not re.search(r"-(tests|sources|javadoc)\.jar$", p))
    for role, path in (("lambda-zip", os.path.join(ROOT, LAMBDA_ZIP)),
                       ("service-jar", jars[0] if jars else None),
                       ("sbom", os.path.join(ROOT, SBOM))):
        if not path or not os.path.exists(path):
            problems.append(f"subject {role}: not built ({rel(path) if path else 'service/target/service-*.jar'})")
            continue
        if not reports.after_start(path, "subject"):
            problems.append(f"subject {role}: {rel(path)} is older than this run")
            continue
        found.append({"role": role, "name": os.path.basename(path), "file": rel(path),
                      "bytes": os.path.getsize(path), "sha256": sha256_file(path)})
    sbom_covers_zip(found, problems)
    # The emulated-Lambda tests ran the zip Maven installed: it must be the zip at hand.
    tested = os.path.join(ROOT, "localstack-it", "target", "lambda", "gateway-lambda.zip")
    zip_subject = next((s for s in found if s["role"] == "lambda-zip"), None)
    if zip_subject and os.path.exists(tested) and sha256_file(tested) != zip_subject["sha256"]:
        problems.append(f"subject lambda-zip: {LAMBDA_ZIP} is not the zip the emulated-Lambda tests ran "
                        f"({rel(tested)}): rebuilt after the tests")
    return found


def sbom_covers_zip(found, problems):
    """Every jar the zip ships in lib/ is a component of the SBOM (artifactId-version*.jar)."""
    roles = {s["role"]: s for s in found}
    if "lambda-zip" not in roles or "sbom" not in roles:
        return
    try:
        with open(os.path.join(ROOT, roles["sbom"]["file"]), encoding="utf-8") as f:
            components = [(c.get("name"), c.get("version")) for c in json.load(f).get("components", [])]
        with zipfile.ZipFile(os.path.join(ROOT, roles["lambda-zip"]["file"])) as z:
            jars = [n[len("lib/"):] for n in z.namelist() if n.startswith("lib/") and n.endswith(".jar")]
    except (OSError, ValueError, zipfile.BadZipFile) as e:
        problems.append(f"sbom: cannot compare it with the zip ({type(e).__name__})")
        return
    unlisted = [j for j in jars if not any(j.startswith(f"{n}-{v}") for n, v in components)]
    roles["sbom"]["covers"] = {"zip_jars": len(jars), "components": len(components), "unlisted": unlisted}
    if unlisted:
        problems.append(f"sbom: the zip ships jars the SBOM does not list: {', '.join(unlisted[:5])}")


# ---- the claim matrix ---------------------------------------------------------------------------

def tagged_in_code():
    """claim id -> the places in the test code that tag it (file:line), found by reading the code."""
    places = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "*", "src", "**", "*.java"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                for claim in TAG.findall(line):
                    places.setdefault(claim, []).append(f"{rel(path)}:{number}")
    return places


def property_name(test):
    """PropertyReport's name of a test: Class.Nested.method."""
    cls = (test.get("class") or "").rsplit(".", 1)[-1].replace("$", ".")
    return f"{cls}.{test.get('method')}"


def matrix(catalogue, bound, places, props, verify):
    by_property = {}
    for p in props:
        items = p["report"].get("properties", []) if isinstance(p["report"], dict) else []
        for item in items:
            by_property.setdefault(item.get("name"), []).append(dict(item, file=p["file"]))
    known = {c["id"] for c in catalogue}
    unknown = {claim: where for claim, where in places.items() if claim not in known}
    rows = []
    for claim in catalogue:
        cid = claim["id"]
        tag = f"claim:{cid}"
        runs = claim.get("runs")
        tests = []
        for report in bound:
            store = report.get("store") or "memory"
            by_run = bool(runs) and report["module"] in runs["modules"] and store == runs["store"]
            for t in report["tests"]:
                if tag in t["tags"] or (by_run and any(x.startswith("claim:") for x in t["tags"])):
                    tests.append({"module": report["module"], "store": store, "report": report["file"],
                                  "class": t["class"], "method": t["method"], "name": t["name"],
                                  "status": t["status"], "reason": t.get("reason")})
        counts = {s: sum(t["status"] == s for t in tests) for s in ("passed", "failed", "skipped")}
        own = [v for v in verify if any(fnmatch.fnmatch(v["file"], pattern)
                                        for pattern in claim.get("transcripts", []))]
        examples = [dict(e, test=property_name(t)) for t in tests for e in by_property.get(property_name(t), [])]
        has_code = bool(places.get(cid)) or bool(claim.get("transcripts"))
        row = {"id": cid, "title": claim["title"], "section": claim.get("section"), "tag": tag,
               "tagged_at": places.get(cid, []), "tests": tests, "counts": counts,
               "transcripts": [{"file": v["file"], "failed": v["failed"]} for v in own],
               "properties": [{"name": e["test"], "seed": e.get("seed"), "examples": e.get("examples_run"),
                               "outcome": e.get("outcome"), "file": e["file"]} for e in examples]}
        failed_transcripts = [v["file"] for v in own if v["failed"]]
        if claim.get("pending") and places.get(cid):
            row["status"], row["reason"] = "failed", (
                f"tests now carry {tag} ({places[cid][0]}...): remove the claim's 'pending' mark "
                "in evidence/claims.json")
        elif not has_code:
            if claim.get("pending"):
                row["status"], row["reason"] = "pending", f"no test yet: waiting for {claim['pending']}"
            else:
                row["status"], row["reason"] = "no test", f"no test in the code carries @Tag(\"{tag}\")"
        elif counts["failed"] or failed_transcripts:
            names = [t["name"] for t in tests if t["status"] == "failed"][:5] + failed_transcripts
            row["status"], row["reason"] = "failed", f"{counts['failed'] + len(failed_transcripts)} failed: " + \
                ", ".join(names)
        elif counts["passed"] or own:
            row["status"] = "proven"
            row["reason"] = (f"{counts['passed']} passed, {counts['skipped']} skipped"
                             + (f", {len(own)} transcript(s)" if own else ""))
        elif counts["skipped"]:
            reasons = sorted({t["reason"] or "no reason given" for t in tests if t["status"] == "skipped"})
            row["status"], row["reason"] = "not run", f"all {counts['skipped']} skipped: " + "; ".join(reasons)[:400]
        else:
            where = [f"a test tagged {tag}"] if places.get(cid) else []
            if runs:
                where.append(f"a run of {' or '.join(runs['modules'])} with gateway.store={runs['store']}")
            where += [f"a transcript {p}" for p in claim.get("transcripts", [])]
            row["status"], row["reason"] = "not run", "no report of this run holds " + " or ".join(where)
        rows.append(row)
    return rows, unknown


# ---- outputs ------------------------------------------------------------------------------------

def toolchain():
    def first_line(cmd):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            return ((r.stdout or r.stderr).strip().splitlines() or [None])[0]
        except (OSError, subprocess.TimeoutExpired):
            return None
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else "java"
    release = None
    try:
        release = re.search(r"<maven\.compiler\.release>(\d+)<", open(os.path.join(ROOT, "pom.xml")).read()).group(1)
    except (OSError, AttributeError):
        pass
    maven = first_line(["mvn", "-v"]) if shutil.which("mvn") else None
    return {"jdk": first_line([java, "-version"]), "maven": re.sub(r"\x1b\[[0-9;]*m", "", maven or "") or None,
            "os": platform.platform(), "python": platform.python_version(), "java_release": release}


def copy_reports(reports):
    """Copies every used raw report beside the Statement; returns path and digest of each copy."""
    target = os.path.join(OUT, "reports")
    shutil.rmtree(target, ignore_errors=True)
    out = []
    for path, kind in sorted(set(reports.used)):
        if kind == "subject":
            continue
        copy = os.path.join(target, rel(path))
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        shutil.copyfile(path, copy)
        out.append({"path": os.path.relpath(copy, OUT), "kind": kind, "sha256": sha256_file(copy)})
    return out


def statement(run, rows, subj, raw, tests, props, mut, verify, extra, refused, finished):
    return {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": s["name"], "digest": {"sha256": s["sha256"]},
                     "annotations": {"role": s["role"], "path": s["file"], "bytes": s["bytes"]}} for s in subj],
        "predicateType": PREDICATE_TYPE,
        "predicate": {
            "run": run["run"], "commit": run["commit"], "dirty": run["dirty"],
            "started": run["started"], "finished": iso(finished), "toolchain": toolchain(),
            "claims": [{k: r[k] for k in ("id", "title", "status", "reason", "counts", "tag")} |
                       {"tests": [f"{t['module']}: {t['name'] if t['method'] is None else t['class'] + '.' + t['name']}"
                                  f" {t['status']}" for t in r["tests"]],
                        "properties": r["properties"], "transcripts": r["transcripts"]} for r in rows],
            "tests": tests,
            "mutation": [{k: m[k] for k in ("file", "mutants", "killed", "score_percent")} |
                         {"survivors": len(m["survivors"])} for m in mut],
            "reports": raw,
            "refused": refused,
        },
    }


def sign(statement_bytes):
    key = dsse.load_signing_key()
    if key is None:
        return None
    return dsse.envelope(statement_bytes, key)


def write_json(name, data):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def build():
    run = current_run()
    if run is None:
        print("evidence: no gate run to build from (target/evidence-run.json): run make gate", file=sys.stderr)
        return 1
    reports = Reports(run)
    bound = claim_reports(reports)
    problems = []
    if not bound:
        problems.append(f"no claim report of run {run['run']}: the tests did not run with -Devidence.run")
    tests, skipped = surefire(reports)
    props = properties(reports)
    mut = mutation(reports)
    verify = transcripts(reports)
    extra = text_reports(reports)
    subj = subjects(reports, problems)
    catalogue = json.load(open(CATALOGUE, encoding="utf-8"))["claims"]
    rows, unknown = matrix(catalogue, bound, tagged_in_code(), props, verify)
    for claim, where in sorted(unknown.items()):
        problems.append(f"unknown claim tag claim:{claim} at {', '.join(where[:3])}: not in evidence/claims.json")
    for m, t in tests.items():
        if t["failures"] or t["errors"]:
            problems.append(f"tests failed in {m}")
    for v in verify:
        if v["failed"]:
            problems.append(f"transcript {v['file']} reports a failure")
    failed_claims = [r for r in rows if r["status"] in ("failed", "no test")]

    if os.path.isdir(OUT):
        for name in os.listdir(OUT):
            if name != "page.png":
                full = os.path.join(OUT, name)
                shutil.rmtree(full) if os.path.isdir(full) else os.remove(full)
    os.makedirs(OUT, exist_ok=True)
    if os.path.exists(os.path.join(ROOT, SBOM)) and any(s["role"] == "sbom" for s in subj):
        shutil.copyfile(os.path.join(ROOT, SBOM), os.path.join(OUT, "bom.json"))
    raw = copy_reports(reports)
    finished = now()
    st = statement(run, rows, subj, raw, tests, props, mut, verify, extra, reports.refused, finished)
    st_bytes = (json.dumps(st, indent=2) + "\n").encode("utf-8")
    with open(os.path.join(OUT, "statement.json"), "wb") as f:
        f.write(st_bytes)
    env = sign(st_bytes)
    if env is not None:
        write_json("statement.dsse.json", env["envelope"])
        with open(os.path.join(OUT, "signing-key.pub.pem"), "w", encoding="utf-8") as f:
            f.write(env["public_pem"])
    write_json("claims.json", {"run": run["run"], "commit": run["commit"], "claims": rows})
    evidence = {"run": run, "generated": iso(finished), "subjects": subj, "tests": tests, "skipped": skipped,
                "properties": props, "mutation": mut, "verify": verify, "other": extra, "claims": rows,
                "refused": reports.refused, "problems": problems, "signed": env is not None}
    evidence["run"] = {k: v for k, v in run.items() if k != "started_at"}
    write_json("evidence.json", evidence)
    with open(os.path.join(OUT, "EVIDENCE.md"), "w", encoding="utf-8") as f:
        f.write(page.markdown(evidence))
    with open(os.path.join(OUT, "index.html"), "w", encoding="utf-8") as f:
        f.write(page.html(evidence))

    counts = {s: sum(r["status"] == s for r in rows) for s in ("proven", "failed", "not run", "no test", "pending")}
    total = sum(t["tests"] for t in tests.values())
    print(f"evidence: run {run['run']}: {len(rows)} claims: " + ", ".join(f"{v} {k}" for k, v in counts.items() if v)
          + f"; {total} test cases in {len(tests)} reports, {len(skipped)} skipped, "
          f"mutation {', '.join(str(m['score_percent']) + '%' for m in mut) or 'not run'}, "
          f"{len(verify)} transcripts, {len(raw)} raw reports, {len(reports.refused)} refused; "
          f"{'signed' if env else 'unsigned'}; written to {rel(OUT)}/")
    for r in rows:
        if r["status"] != "proven":
            print(f"evidence:   {r['status']:8} {r['id']}: {r['reason']}")
    for r in reports.refused[:20]:
        print(f"evidence:   refused {r['file']}: {r['why']}")
    for p in problems:
        print(f"evidence: FAILED: {p}")
    for r in failed_claims:
        print(f"evidence: FAILED: claim {r['id']} {r['status']}: {r['reason']}")
    return 1 if problems or failed_claims else 0


def main(argv):
    if argv[1:] == ["begin"]:
        return begin()
    if argv[1:] == ["run-id"]:
        run = current_run()
        if run is None:
            print("evidence: no run begun: write_evidence.py begin", file=sys.stderr)
            return 1
        print(run["run"])
        return 0
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    return build()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
