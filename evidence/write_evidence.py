#!/usr/bin/env python3
"""Release evidence: reads every report `make gate` produced and writes target/evidence/.

Python standard library only. Inputs (each optional; a missing one is listed as missing, so the
evidence says what it does not cover):
  */target/surefire-reports/TEST-*.xml     JUnit results of every module (skips with their reasons)
  **/target/property-report.json           property-based tests: examples and seed per property
  **/target/pit-reports/**/mutations.xml   PIT mutation testing
  **/target/verify*.json                   verify.py transcripts (local, emulated Lambda, ...)
  service/target/gateway-lambda.zip        the Lambda artifact (its SHA-256)
Outputs: target/evidence/evidence.json (machine-readable) and target/evidence/EVIDENCE.md.
Exit 1 when a report shows a failure, so a gate that forgot to fail still fails here.
"""
import datetime
import glob
import hashlib
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def rel(path):
    return os.path.relpath(path, ROOT)


def surefire():
    """Counts <testcase> elements: suite attributes miss @Nested classes and suite engines."""
    modules = {}
    skipped = []
    for path in sorted(glob.glob(os.path.join(ROOT, "*", "target", "surefire-reports", "TEST-*.xml"))):
        module = rel(path).split(os.sep)[0]
        suite = ET.parse(path).getroot()
        m = modules.setdefault(module, {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "seconds": 0.0})
        m["seconds"] = round(m["seconds"] + float(suite.get("time", "0").replace(",", "")), 1)
        for case in suite.iter("testcase"):
            m["tests"] += 1
            if case.find("failure") is not None:
                m["failures"] += 1
            if case.find("error") is not None:
                m["errors"] += 1
            skip = case.find("skipped")
            if skip is not None:
                m["skipped"] += 1
                reason = skip.get("message") or (skip.text or "").strip().splitlines()[:1]
                skipped.append({
                    "module": module,
                    "test": f"{case.get('classname')}.{case.get('name')}",
                    "reason": (reason if isinstance(reason, str) else " ".join(reason))[:300],
                })
    return modules, skipped


def properties():
    reports = []
    for path in sorted(glob.glob(os.path.join(ROOT, "**", "target", "property-report*.json"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            reports.append({"file": rel(path), "report": json.load(f)})
    return reports


def mutation():
    results = []
    for path in sorted(glob.glob(os.path.join(ROOT, "**", "target", "pit-reports", "**", "mutations.xml"), recursive=True)):
        root = ET.parse(path).getroot()
        total = killed = 0
        survivors = []
        for m in root.iter("mutation"):
            status = m.get("status")
            total += 1
            if m.get("detected") == "true":
                killed += 1
            else:
                survivors.append({
                    "class": (m.findtext("mutatedClass") or ""),
                    "method": (m.findtext("mutatedMethod") or ""),
                    "line": (m.findtext("lineNumber") or ""),
                    "mutator": (m.findtext("mutator") or "").rsplit(".", 1)[-1],
                    "status": status,
                })
        score = round(100.0 * killed / total, 1) if total else None
        results.append({"file": rel(path), "mutants": total, "killed": killed, "score_percent": score,
                        "survivors": survivors})
    return results


def transcripts():
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "**", "target", "verify*.json"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        out.append({"file": rel(path), "transcript": data})
    return out


def artifact():
    path = os.path.join(ROOT, "service", "target", "gateway-lambda.zip")
    if not os.path.exists(path):
        return None
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return {"file": rel(path), "bytes": os.path.getsize(path), "sha256": digest.hexdigest()}


def commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def transcript_failed(t):
    data = t["transcript"]
    if isinstance(data, dict):
        if data.get("ok") is False or data.get("passed") is False:
            return True
        for check in data.get("checks", []):
            if isinstance(check, dict) and (check.get("ok") is False or check.get("status") == "fail"):
                return True
    return False


def main():
    modules, skipped = surefire()
    evidence = {
        "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "commit": commit(),
        "tests": modules,
        "skipped": skipped,
        "properties": properties(),
        "mutation": mutation(),
        "verify": transcripts(),
        "lambda_zip": artifact(),
    }
    missing = [name for name, value in (("tests", modules), ("properties", evidence["properties"]),
                                        ("mutation", evidence["mutation"]), ("verify", evidence["verify"]),
                                        ("lambda_zip", evidence["lambda_zip"])) if not value]
    evidence["missing"] = missing
    failed = [m for m, t in modules.items() if t["failures"] or t["errors"]]
    failed += [t["file"] for t in evidence["verify"] if transcript_failed(t)]
    evidence["failed"] = failed

    out_dir = os.path.join(ROOT, "target", "evidence")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "evidence.json"), "w", encoding="utf-8") as f:
        json.dump(evidence, f, indent=2, sort_keys=False)
    with open(os.path.join(out_dir, "EVIDENCE.md"), "w", encoding="utf-8") as f:
        f.write(markdown(evidence))
    total = sum(t["tests"] for t in modules.values())
    print(f"evidence: {total} tests in {len(modules)} modules, {len(skipped)} skipped, "
          f"{len(evidence['properties'])} property reports, "
          f"mutation {', '.join(str(m['score_percent']) + '%' for m in evidence['mutation']) or 'none'}, "
          f"{len(evidence['verify'])} verify transcripts; written to {rel(out_dir)}/")
    if missing:
        print(f"evidence: not covered: {', '.join(missing)}")
    if failed:
        print(f"evidence: FAILED: {', '.join(failed)}")
        return 1
    return 0


def markdown(e):
    lines = [f"# Release evidence", "", f"- commit: `{e['commit']}`", f"- generated: {e['generated']}", ""]
    lines += ["## Tests", "", "| module | tests | failures | errors | skipped | seconds |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for module, t in sorted(e["tests"].items()):
        lines.append(f"| {module} | {t['tests']} | {t['failures']} | {t['errors']} | {t['skipped']} | {t['seconds']} |")
    if e["skipped"]:
        lines += ["", "### Skipped, and why", ""]
        for s in e["skipped"]:
            lines.append(f"- `{s['test']}` ({s['module']}): {s['reason'] or 'no reason given'}")
    lines += ["", "## Properties", ""]
    for p in e["properties"]:
        lines.append(f"- `{p['file']}`")
        report = p["report"]
        items = report.get("properties", report) if isinstance(report, dict) else report
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict):
                    name = item.get("name") or item.get("property")
                    examples = item.get("examples_run", item.get("examples", "?"))
                    lines.append(f"  - {name}: {examples} examples, seed {item.get('seed', '?')}, "
                                 f"{item.get('outcome', '?')}")
        elif isinstance(items, dict):
            for name, item in items.items():
                if isinstance(item, dict):
                    lines.append(f"  - {name}: {item.get('examples', '?')} examples, seed {item.get('seed', '?')}")
    lines += ["", "## Mutation testing", ""]
    for m in e["mutation"]:
        lines.append(f"- `{m['file']}`: {m['killed']}/{m['mutants']} killed, score {m['score_percent']}%")
        for s in m["survivors"][:30]:
            lines.append(f"  - survived: {s['class']}.{s['method']} line {s['line']} ({s['mutator']}, {s['status']})")
    lines += ["", "## Reference client (verify.py)", ""]
    for t in e["verify"]:
        data = t["transcript"]
        summary = data.get("summary", "") if isinstance(data, dict) else ""
        lines.append(f"- `{t['file']}`: {summary if isinstance(summary, str) else json.dumps(summary)}")
    lines += ["", "## Lambda artifact", ""]
    z = e["lambda_zip"]
    lines.append(f"- `{z['file']}`: {z['bytes']} bytes, sha256 `{z['sha256']}`" if z else "- not built")
    if e["missing"]:
        lines += ["", f"Not covered by this evidence: {', '.join(e['missing'])}."]
    if e["failed"]:
        lines += ["", f"**FAILED**: {', '.join(e['failed'])}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
