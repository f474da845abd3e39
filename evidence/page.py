"""The evidence as one self-contained HTML page and as Markdown.

The page loads nothing: its style and its one small script are inline, and its Content-Security-
Policy forbids every other source, so a reader's browser makes no request when it opens it. The
details of each claim open with <details>, which needs no script; the script only checks the
layout once drawn and records the result on <html data-layout=...> for the browser test.
"""
import html as _html
import json

STATUS_CLASS = {"proven": "ok", "failed": "bad", "no test": "bad", "not run": "off", "pending": "off"}

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dde3;padding-bottom:4px}
table{border-collapse:collapse;width:100%;background:#fff;table-layout:fixed}
th,td{border:1px solid #d8dde3;padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef1f4;font-weight:600}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
pre{background:#fff;border:1px solid #d8dde3;padding:8px;overflow:auto;max-height:320px;white-space:pre-wrap}
.status{display:inline-block;min-width:64px;text-align:center;border-radius:10px;padding:1px 8px;font-weight:600;font-size:12px}
.ok{background:#d7f5dd;color:#0b5d1e}.bad{background:#fddede;color:#8a1111}.off{background:#e8eaed;color:#444}
.summary span{margin-right:14px}
details summary{cursor:pointer}
col.id{width:220px}col.st{width:90px}col.n{width:76px}td.n{text-align:right}col.role{width:110px}col.bytes{width:100px}col.digest{width:500px}
"""

SCRIPT = """
(function(){
  var problems=[];
  if(document.documentElement.scrollWidth>window.innerWidth+1){problems.push('wider than the window');}
  var rows=document.querySelectorAll('tr[data-claim]');
  if(!rows.length){problems.push('no claim rows');}
  rows.forEach(function(r){
    var b=r.querySelector('.status');
    if(!b||r.offsetHeight<8||b.offsetWidth<8||b.getBoundingClientRect().right>window.innerWidth){
      problems.push('row '+r.getAttribute('data-claim')+' not drawn');}
  });
  document.documentElement.setAttribute('data-layout',problems.length?problems.join('; '):'ok');
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def e(value):
    return _html.escape("" if value is None else str(value), quote=True)


def html(ev):
    run = ev["run"]
    rows = ev["claims"]
    counts = {}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Release evidence {e(run['commit'][:12])}</title><style>{STYLE}</style></head><body><main>",
           "<h1>Retrieval Gateway: release evidence</h1>",
           f"<p>Commit <code>{e(run['commit'])}</code>{' <strong>(dirty tree)</strong>' if run.get('dirty') else ''},"
           f" run <code>{e(run['run'])}</code>, started {e(run['started'])}, written {e(ev['generated'])};"
           f" {'signed (statement.dsse.json)' if ev.get('signed') else 'unsigned'}.</p>",
           '<p class="summary">' + "".join(
               f'<span><span class="status {STATUS_CLASS.get(k, "off")}">{e(k)}</span> {v}</span>'
               for k, v in sorted(counts.items())) + "</p>"]
    if ev.get("problems"):
        out.append("<h2>Problems</h2><ul>" + "".join(f"<li>{e(p)}</li>" for p in ev["problems"]) + "</ul>")

    out.append('<h2>Artifacts</h2><table><colgroup><col class="role"><col><col class="bytes"><col class="digest">'
               "</colgroup><tr><th>role</th><th>file</th><th>bytes</th><th>SHA-256</th></tr>")
    for s in ev["subjects"]:
        out.append(f"<tr><td>{e(s['role'])}</td><td><code>{e(s['file'])}</code></td><td>{s['bytes']}</td>"
                   f"<td><code>{e(s['sha256'])}</code></td></tr>")
    out.append("</table>")

    out.append('<h2>Claims</h2><table id="claims"><colgroup><col class="id"><col><col class="st"><col class="n">'
               '<col class="n"><col class="n"></colgroup><tr><th>claim</th><th>promise</th>'
               "<th>status</th><th>passed</th><th>failed</th><th>skipped</th></tr>")
    for r in rows:
        c = r["counts"]
        details = [f"<p>{e(r['reason'])}</p>",
                   f"<p>Tag <code>{e(r['tag'])}</code> in: " + (", ".join(f"<code>{e(p)}</code>" for p in r["tagged_at"][:40])
                                                               or "no test") + "</p>"]
        if r["tests"]:
            details.append("<table><tr><th>module</th><th>test</th><th>outcome</th></tr>" + "".join(
                f"<tr><td>{e(t['module'])}{' (' + e(t['store']) + ')' if t['store'] != 'memory' else ''}</td>"
                f"<td><code>{e((t['class'] or '').rsplit('.', 1)[-1])}.{e(t['name'])}</code></td>"
                f"<td>{e(t['status'])}{': ' + e(t['reason']) if t['status'] == 'skipped' and t['reason'] else ''}</td></tr>"
                for t in r["tests"]) + "</table>")
        if r["properties"]:
            details.append("<p>Properties:</p><ul>" + "".join(
                f"<li><code>{e(p['name'])}</code>: {e(p['examples'])} examples, seed {e(p['seed'])}, {e(p['outcome'])}</li>"
                for p in r["properties"]) + "</ul>")
        if r["transcripts"]:
            details.append("<p>Transcripts: " + ", ".join(
                f"<code>{e(t['file'])}</code> ({'failed' if t['failed'] else 'passed'})" for t in r["transcripts"]) + "</p>")
        cls = STATUS_CLASS.get(r["status"], "off")
        out.append(
            f'<tr data-claim="{e(r["id"])}" data-status="{e(r["status"])}"><td class="id"><code>{e(r["id"])}</code></td>'
            f"<td><details><summary>{e(r['title'])}</summary>{''.join(details)}</details></td>"
            f'<td class="st"><span class="status {cls}">{e(r["status"])}</span></td>'
            f'<td class="n">{c["passed"]}</td><td class="n">{c["failed"]}</td><td class="n">{c["skipped"]}</td></tr>')
    out.append("</table>")

    out.append("<h2>Tests per report</h2><table><tr><th>module</th><th>tests</th><th>failures</th><th>errors</th>"
               "<th>skipped</th><th>seconds</th></tr>")
    for module, t in sorted(ev["tests"].items()):
        out.append(f"<tr><td>{e(module)}</td><td>{t['tests']}</td><td>{t['failures']}</td><td>{t['errors']}</td>"
                   f"<td>{t['skipped']}</td><td>{t['seconds']}</td></tr>")
    out.append("</table>")
    if ev["skipped"]:
        out.append("<h2>Skipped, and why</h2><ul>" + "".join(
            f"<li><code>{e(s['test'])}</code> ({e(s['module'])}): {e(s['reason'] or 'no reason given')}</li>"
            for s in ev["skipped"]) + "</ul>")

    out.append("<h2>Mutation testing</h2>")
    if not ev["mutation"]:
        out.append("<p>Not run in this run.</p>")
    for m in ev["mutation"]:
        out.append(f"<p><code>{e(m['file'])}</code>: {m['killed']} of {m['mutants']} mutants killed, "
                   f"score <strong>{e(m['score_percent'])}%</strong>, {len(m['survivors'])} survivors.</p>")
        if m["survivors"]:
            out.append("<details><summary>Survivors</summary><ul>" + "".join(
                f"<li><code>{e(s['class'])}.{e(s['method'])}</code> line {e(s['line'])} ({e(s['mutator'])}, {e(s['status'])})</li>"
                for s in m["survivors"]) + "</ul></details>")

    out.append("<h2>Transcripts</h2>")
    for v in ev["verify"]:
        data = v["transcript"]
        summary = data.get("summary", "") if isinstance(data, dict) else ""
        out.append(f"<details><summary><code>{e(v['file'])}</code>: {'failed' if v['failed'] else 'passed'}"
                   f" {e(summary if isinstance(summary, str) else json.dumps(summary))}</summary>"
                   f"<pre>{e(json.dumps(data, indent=2)[:20000])}</pre></details>")
    for name, item in sorted(ev.get("other", {}).items()):
        body = item.get("text") if "text" in item else json.dumps(item.get("data"), indent=2)
        out.append(f"<details><summary>{e(name)}: <code>{e(item['file'])}</code></summary><pre>{e(body[:20000])}</pre></details>")
    if ev["refused"]:
        out.append("<h2>Refused reports (not from this run)</h2><ul>" + "".join(
            f"<li><code>{e(r['file'])}</code>: {e(r['why'])}</li>" for r in ev["refused"]) + "</ul>")
    out.append(f"</main><script>{SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"


def markdown(ev):
    run = ev["run"]
    lines = ["# Release evidence", "", f"- commit: `{run['commit']}`{' (dirty tree)' if run.get('dirty') else ''}",
             f"- run: `{run['run']}`, started {run['started']}, written {ev['generated']}",
             f"- signed: {'yes (statement.dsse.json)' if ev.get('signed') else 'no'}", "", "## Artifacts", ""]
    lines += [f"- {s['role']}: `{s['file']}`, {s['bytes']} bytes, sha256 `{s['sha256']}`" for s in ev["subjects"]]
    lines += ["", "## Claims", "", "| claim | status | passed | failed | skipped | why |", "| --- | --- | ---: | ---: | ---: | --- |"]
    for r in ev["claims"]:
        c = r["counts"]
        lines.append(f"| `{r['id']}` | {r['status']} | {c['passed']} | {c['failed']} | {c['skipped']} | "
                     f"{r['reason'].replace('|', '/')} |")
    lines += ["", "## Tests", "", "| report | tests | failures | errors | skipped | seconds |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for module, t in sorted(ev["tests"].items()):
        lines.append(f"| {module} | {t['tests']} | {t['failures']} | {t['errors']} | {t['skipped']} | {t['seconds']} |")
    if ev["skipped"]:
        lines += ["", "### Skipped, and why", ""]
        lines += [f"- `{s['test']}` ({s['module']}): {s['reason'] or 'no reason given'}" for s in ev["skipped"]]
    lines += ["", "## Mutation testing", ""]
    for m in ev["mutation"]:
        lines.append(f"- `{m['file']}`: {m['killed']}/{m['mutants']} killed, score {m['score_percent']}%")
        lines += [f"  - survived: {s['class']}.{s['method']} line {s['line']} ({s['mutator']})" for s in m["survivors"][:30]]
    lines += ["", "## Transcripts", ""]
    lines += [f"- `{v['file']}`: {'failed' if v['failed'] else 'passed'}" for v in ev["verify"]]
    if ev["refused"]:
        lines += ["", "## Refused reports", ""] + [f"- `{r['file']}`: {r['why']}" for r in ev["refused"]]
    if ev["problems"]:
        lines += ["", "## Problems", ""] + [f"- {p}" for p in ev["problems"]]
    return "\n".join(lines) + "\n"
