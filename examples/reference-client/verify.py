#!/usr/bin/env python3
"""The reference client's 90-second verify: what a client of the Retrieval Gateway relies on.

Python 3 standard library only; one file. About fifteen checks, one line each with its time, then a
summary. Exits non-zero when a check fails or when the whole run takes longer than 90 seconds.

    python3 verify.py                                   # header mode, http://127.0.0.1:8000
    python3 verify.py --mode jwt --token-cmd 'make -s dev-token USER={user} TENANT={tenant} ROLE={role}'
    python3 verify.py --mode jwt --tokens tokens.json   # {"alice|tenant-a|intern": "eyJ...", ...}
    python3 verify.py --json verify.json                # also write a machine-readable transcript

When a writer identity is available (always in header mode and with --token-cmd) the checks run on
documents this run writes into two run-unique tenants and deletes at the end, so a shared
deployment is left as it was; otherwise they run on the demo corpus (tenants tenant-a and
tenant-b). Nothing printed or written ever holds a token, a query text or a document's text.
"""

import argparse
import base64
import json
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

LIMIT_SECONDS = 90.0
HTTP_TIMEOUT = 15.0
CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"]
ROLES = {"intern": "internal", "analyst": "confidential", "admin": "restricted"}
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\Z")
DEMO_TENANTS = ("tenant-a", "tenant-b")
DEMO_TERMS = "acme borealis analytics bank security team customer"


class CheckFailed(Exception):
    """A check's expectation did not hold; the message names what, never a body or a token."""


class Skipped(Exception):
    """A check that this target's identities cannot run (a tokens file without that role)."""


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case name -> list of values
        self.body = body

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise CheckFailed("status %d: the body is not JSON" % self.status)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Gateway:
    """HTTP to the gateway with urllib; 4xx and 5xx are answers, not exceptions."""

    def __init__(self, base_url):
        self.base = base_url.rstrip("/")
        self.opener = urllib.request.build_opener(NoRedirect())

    def request(self, method, path, headers=None, body=None):
        data = None
        headers = dict(headers or {})
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=HTTP_TIMEOUT) as res:
                r = Response(res.status, collect(res.headers), res.read())
        except urllib.error.HTTPError as err:
            r = Response(err.code, collect(err.headers), err.read())
        except (urllib.error.URLError, OSError) as err:
            raise CheckFailed("no answer from %s (%s)" % (self.base, type(err).__name__))
        if r.status >= 400:
            no_echo(r, sent_values(path, headers, data))
        return r


# Request headers that frame a request rather than carry its input.
FRAMING_HEADERS = ("host", "connection", "content-length", "content-type", "accept",
                   "accept-encoding", "user-agent")


def sent_values(path, headers, data):
    """What a request sent that an error must never echo, each with a name for the failure message:
    identity header values, the bearer token and its parts, path segments, the body's strings."""
    sent = []
    for name, value in headers.items():
        if name.lower() in FRAMING_HEADERS:
            continue
        sent.append(("the %s value" % name, value.strip()))
        if value[:7].lower() == "bearer ":
            token = value[7:].strip()
            sent.append(("the token", token))
            sent.extend(("a part of the token", part) for part in token.split("."))
    for segment in path.split("?")[0].split("/")[2:]:
        sent.append(("the path", segment))
    if data:
        try:
            strings = list(json_strings(json.loads(data.decode("utf-8"))))
        except (UnicodeDecodeError, ValueError):
            strings = re.findall(r"[A-Za-z0-9._-]{6,}", data.decode("utf-8", "replace"))
        sent.extend(("a string of the body (query text, title, id)", v) for v in strings)
    # Values shorter than four characters can occur in any fixed message by chance, and the
    # contract's own words (field names, classifications) are not input a message could echo.
    return [(what, v) for what, v in sent if len(v) >= 4 and v.lower() not in CONTRACT_WORDS]


CONTRACT_WORDS = {"query", "top_k", "doc_id", "title", "body", "classification", "tenant"} | set(CLASSIFICATIONS)


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v)


def no_echo(r, sent):
    """Every error, in every check: the body holds none of what the request sent, no stack trace."""
    text = r.body.decode("utf-8", "replace")
    for what, value in sent:
        expect(value not in text, "status %d: the error body echoes %s it was sent" % (r.status, what))
    expect(not STACK_TRACE.search(text), "status %d: the error body holds a stack trace or class name" % r.status)


STACK_TRACE = re.compile(r"\bat [\w$]+(\.[\w$]+)+\(|\.java:\d+|Caused by:|Traceback \(most recent|"
                         r"\b[A-Z][\w$]*(Exception|Error|Throwable)\b")


def collect(message):
    headers = {}
    for name, value in message.items():
        headers.setdefault(name.lower(), []).append(value)
    return headers


class Credentials:
    """How a principal (user, tenant, role) is presented: identity headers or a bearer token."""

    def __init__(self, mode, token_cmd=None, tokens=None):
        self.mode = mode
        self.token_cmd = token_cmd
        self.tokens = tokens or {}
        self.cache = {}

    def can_present(self, principal):
        return self.mode == "header" or self.token_cmd is not None or key(principal) in self.tokens

    def headers(self, principal):
        if self.mode == "header":
            user, tenant, role = principal
            return {"X-User": user, "X-Tenant": tenant, "X-Role": role}
        return {"Authorization": "Bearer " + self.token(principal)}

    def token(self, principal):
        if principal in self.cache:
            return self.cache[principal]
        if key(principal) in self.tokens:
            token = self.tokens[key(principal)]
        elif self.token_cmd is not None:
            token = self.mint(principal)
        else:
            raise CheckFailed("no token for %s in the tokens file" % describe(principal))
        self.cache[principal] = token
        return token

    def mint(self, principal):
        user, tenant, role = principal
        for value in principal:
            # Names are [a-z0-9._-] only, so putting them into a shell command injects nothing.
            expect(NAME.match(value) is not None, "not a valid principal name for the token command")
        command = self.token_cmd.replace("{user}", user).replace("{tenant}", tenant).replace("{role}", role)
        try:
            done = subprocess.run(["sh", "-c", command], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60)
        except subprocess.TimeoutExpired:
            raise CheckFailed("the token command timed out for %s" % describe(principal))
        lines = done.stdout.decode("ascii", "replace").strip().splitlines()
        token = lines[-1].strip() if lines else ""
        expect(done.returncode == 0, "the token command exited with %d for %s" % (done.returncode, describe(principal)))
        expect(COMPACT_JWS.match(token) is not None, "the token command printed no token for %s" % describe(principal))
        return token


def key(principal):
    return "|".join(principal)


def describe(principal):
    user, tenant, role = principal
    return "%s of %s (%s)" % (role, tenant, user)


class Verify:
    def __init__(self, args):
        self.gateway = Gateway(args.base_url)
        self.mode = args.mode
        tokens = load_tokens(args.tokens) if args.tokens else None
        self.credentials = Credentials(args.mode, args.token_cmd, tokens)
        self.run_id = secrets.token_hex(3)
        self.tenants = self.choose_tenants(args, tokens)
        self.writes = all(self.credentials.can_present(self.principal(t, "admin")) for t in self.tenants)
        if not self.writes:
            expect(tuple(self.tenants) == DEMO_TENANTS,
                   "without a writer identity the checks need the demo tenants tenant-a and tenant-b")
        self.results = []
        self.created = []  # (principal, doc_id, classification, tenant)
        self.word = "vf" + self.run_id + "x" + secrets.token_hex(3) + "1"

    def choose_tenants(self, args, tokens):
        if args.tenants:
            tenants = args.tenants.split(",")
        elif tokens is not None:
            tenants = sorted({k.split("|")[1] for k in tokens})[:2]
        else:
            tenants = ["vf-%s-a" % self.run_id, "vf-%s-b" % self.run_id]
        if len(tenants) != 2 or tenants[0] == tenants[1] or not all(NAME.match(t) for t in tenants):
            raise SystemExit("verify: need two different tenant names (--tenants a,b or two in the tokens file)")
        return tenants

    def principal(self, tenant, role):
        if self.credentials.tokens:
            for k in self.credentials.tokens:
                user, t, r = k.split("|")
                if t == tenant and r == role:
                    return (user, t, r)
        return ("verify-" + role, tenant, role)

    def as_(self, principal, extra=None):
        headers = self.credentials.headers(principal)
        headers.update(extra or {})
        return headers

    # ---- the checks, in order -----------------------------------------------------------------

    def check_health(self):
        r = self.gateway.request("GET", "/health")
        expect(r.status == 200, "status %d" % r.status)
        body = r.json()
        expect(body.get("status") == "ok" and body.get("version"), "status ok and a version")
        expect(set(body) == {"status", "version"}, "nothing but status and version")
        common_headers(r)
        return "200, version " + str(body["version"])

    def check_openapi(self):
        yaml = self.gateway.request("GET", "/openapi")
        expect(yaml.status == 200, "status %d" % yaml.status)
        expect((yaml.header("Content-Type") or "").startswith("application/yaml"), "YAML by default")
        as_json = self.gateway.request("GET", "/openapi", {"Accept": "application/json"})
        expect(as_json.status == 200, "JSON: status %d" % as_json.status)
        document = as_json.json()
        expect(str(document.get("openapi", "")).startswith("3."), "an OpenAPI 3 document")
        return "YAML by default, JSON on request, %d paths" % len(document.get("paths", {}))

    def check_whoami(self, role):
        principal = self.principal(self.tenants[0], role)
        if not self.credentials.can_present(principal):
            raise Skipped("no token for %s in the tokens file" % describe(principal))
        r = self.gateway.request("GET", "/whoami", self.as_(principal))
        expect(r.status == 200, "status %d" % r.status)
        body = r.json()
        expected = {"user": principal[0], "tenant": principal[1], "role": role,
                    "clearance": ROLES[role], "auth_mode": self.mode}
        wrong = sorted(k for k in expected if body.get(k) != expected[k])
        expect(not wrong, "wrong %s" % ", ".join(wrong))
        return "%s, clearance %s" % (describe(principal), ROLES[role])

    def check_writes(self):
        if not self.writes:
            return "no writer identity: the checks use the demo corpus"
        for tenant in self.tenants:
            admin = self.principal(tenant, "admin")
            for classification in CLASSIFICATIONS:
                doc_id = "vf-%s-%s-%s" % (self.run_id, tenant[-1], classification[:3])
                body = {"doc_id": doc_id, "title": "Verify canary " + classification,
                        "body": "The %s canary of the reference client." % self.word,
                        "classification": classification}
                r = self.gateway.request("POST", "/documents", self.as_(admin), body)
                expect(r.status == 201, "writing a %s document: status %d" % (classification, r.status))
                expect(r.header("Location") == "/documents/" + doc_id, "a relative Location")
                self.created.append((admin, doc_id, classification, tenant))
        return "%d documents in 2 tenants, 201 with a relative Location" % len(self.created)

    def check_query(self, tenant, role):
        if role is None:  # the other tenant: its highest role this run can present
            role = next((r for r in ("admin", "analyst", "intern")
                         if self.credentials.can_present(self.principal(tenant, r))), "admin")
        principal = self.principal(tenant, role)
        text = self.word if self.writes else DEMO_TERMS
        r = self.gateway.request("POST", "/query", self.as_(principal), {"query": text, "top_k": 50})
        expect(r.status == 200, "status %d" % r.status)
        body = r.json()
        results = body.get("results", [])
        expect(body.get("count") == len(results), "count is the number of results")
        clearance = CLASSIFICATIONS.index(ROLES[role])
        above = [x for x in results if CLASSIFICATIONS.index(x.get("classification")) > clearance]
        expect(not above, "%d results above the clearance" % len(above))
        scores = [x.get("score") for x in results]
        expect(scores == sorted(scores, reverse=True), "best score first")
        ids = {x.get("doc_id") for x in results}
        if self.writes:
            readable = {d for (_, d, c, t) in self.created if t == tenant and CLASSIFICATIONS.index(c) <= clearance}
            expect(ids == readable, "expected %d own documents, got %d results (%d foreign or above)"
                   % (len(readable), len(ids), len(ids - readable)))
        else:
            prefix = tenant[-1] + "-"
            foreign = [d for d in ids if not d.startswith(prefix)]
            expect(not foreign, "%d results from another tenant" % len(foreign))
            expect(ids, "the demo corpus gave no results")
        return "%s: %d results, all own tenant at or below %s" % (describe(principal), len(ids), ROLES[role])

    def created_id(self, tenant, classification):
        for _, doc_id, c, t in self.created:
            if t == tenant and c == classification:
                return doc_id
        raise CheckFailed("no %s document of %s was written (see the writer check)" % (classification, tenant))

    def not_found_reference(self, principal):
        return self.gateway.request("GET", "/documents/vf-%s-missing" % self.run_id, self.as_(principal))

    def check_other_tenant(self):
        principal = self.principal(self.tenants[0], "admin" if self.writes else "intern")
        self.same_as_missing(principal, self.tenants[1], "public", "b-pub-001")
        return "another tenant's public document: the same 404 as a missing one"

    def check_above_clearance(self):
        principal = self.principal(self.tenants[0], "intern")
        self.same_as_missing(principal, self.tenants[0], "restricted", "a-res-001")
        return "own tenant's restricted document as intern: the same 404 as a missing one"

    def same_as_missing(self, principal, tenant, classification, demo_id):
        """A GET of a document the principal may not read (the one this run wrote, or the demo
        corpus's) answers exactly as a GET of a missing one."""
        target = self.created_id(tenant, classification) if self.writes else demo_id
        r = self.gateway.request("GET", "/documents/" + target, self.as_(principal))
        same_not_found(self.not_found_reference(principal), r)

    def check_missing_identity(self):
        r = self.gateway.request("GET", "/whoami")
        error(r, 401, "unauthenticated")
        if self.mode == "jwt":
            expect(r.header("WWW-Authenticate") == "Bearer", "WWW-Authenticate: Bearer")
        return "401 unauthenticated" + (" with WWW-Authenticate: Bearer" if self.mode == "jwt" else "")

    def check_forged_identity(self):
        principal = self.principal(self.tenants[0], "intern")
        if self.mode == "header":
            forged = [dict(self.as_(principal), **{"X-Role": "root"}),
                      dict(self.as_(principal), **{"X-User": "Intruder"}),
                      dict(self.as_(principal), **{"X-Tenant": "-x"})]
            for headers in forged:
                error(self.gateway.request("GET", "/whoami", headers), 401, "unauthenticated")
            return "unknown role, malformed user and tenant: 401"
        token = self.credentials.token(principal)
        header, payload, signature = token.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["sub"] = str(claims.get("sub", "")) + "x"
        changed = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
        forged = ".".join([header, changed, signature])
        r = self.gateway.request("GET", "/whoami", {"Authorization": "Bearer " + forged})
        error(r, 401, "unauthenticated")
        expect(r.header("WWW-Authenticate") == 'Bearer error="invalid_token"', "challenge invalid_token")
        expect(signature.encode() not in r.body, "the token is not echoed")
        headers_only = {"X-User": principal[0], "X-Tenant": principal[1], "X-Role": "admin"}
        error(self.gateway.request("GET", "/whoami", headers_only), 401, "unauthenticated")
        return "changed payload: 401 invalid_token; identity headers alone: 401"

    def check_request_id(self):
        ids = set()
        for _ in range(3):
            r = self.gateway.request("GET", "/health")
            ids.add(r.header("X-Request-Id"))
        expect(len(ids) == 3 and all(is_uuid(i) for i in ids), "a fresh UUID per request")
        err = self.gateway.request("GET", "/whoami")
        expect(err.json().get("request_id") == err.header("X-Request-Id"), "request_id is X-Request-Id")
        return "a fresh UUID per request, the same in the error body"

    def check_trace_id(self):
        good = "verify-" + self.run_id + ".trace_1"
        r = self.gateway.request("GET", "/health", {"X-Trace-Id": good})
        expect(r.header("X-Trace-Id") == good, "a well-formed trace id is echoed")
        none = self.gateway.request("GET", "/health")
        expect(none.header("X-Trace-Id") == none.header("X-Request-Id"), "no trace id: the request id")
        for bad in ("bad trace/" + self.run_id, "x" * 129):
            r = self.gateway.request("GET", "/health", {"X-Trace-Id": bad})
            expect(r.header("X-Trace-Id") == r.header("X-Request-Id"), "a malformed trace id is replaced")
            expect(bad.encode() not in r.body and all(bad not in v for vs in r.headers.values() for v in vs),
                   "a malformed trace id is never echoed")
        return "echoed when well formed, else the request id"

    def check_error_envelope(self):
        principal = self.principal(self.tenants[0], "intern")
        planted = "verify" + self.run_id + "planted"
        bad_json = self.gateway.request("POST", "/query", self.as_(principal), b'{"query":"' + planted.encode())
        error(bad_json, 400, "bad_request")
        expect(planted.encode() not in bad_json.body, "the message does not echo the input")
        unknown = self.gateway.request("POST", "/query", self.as_(principal), {"query": "x", "tenant": self.tenants[1]})
        error(unknown, 400, "bad_request")
        wrong_method = self.gateway.request("DELETE", "/query")
        error(wrong_method, 405, "method_not_allowed")
        expect(wrong_method.header("Allow") == "POST", "Allow: POST")
        error(self.gateway.request("GET", "/no-such-route"), 404, "not_found")
        media = self.gateway.request("POST", "/query", dict(self.as_(principal), **{"Content-Type": "text/plain"}), b"x")
        error(media, 415, "unsupported_media_type")
        return "400, 404, 405 with Allow, 415: one envelope, no input echoed"

    def check_cleanup(self):
        if not self.writes:
            return "nothing was written"
        deleted = 0
        for doc in list(self.created):
            principal, doc_id = doc[0], doc[1]
            r = self.gateway.request("DELETE", "/documents/" + doc_id, self.as_(principal))
            expect(r.status == 204, "deleting: status %d" % r.status)
            self.created.remove(doc)
            deleted += 1
        return "%d documents deleted (204)" % deleted

    def checks(self):
        a, b = self.tenants
        return [
            ("health", self.check_health),
            ("openapi", self.check_openapi),
            ("whoami as intern", lambda: self.check_whoami("intern")),
            ("whoami as analyst", lambda: self.check_whoami("analyst")),
            ("whoami as admin", lambda: self.check_whoami("admin")),
            ("writer creates documents", self.check_writes),
            ("query as intern", lambda: self.check_query(a, "intern")),
            ("query as analyst", lambda: self.check_query(a, "analyst")),
            ("query in the other tenant", lambda: self.check_query(b, None)),
            ("other tenant's document is 404", self.check_other_tenant),
            ("document above clearance is 404", self.check_above_clearance),
            ("missing identity is 401", self.check_missing_identity),
            ("forged identity is 401", self.check_forged_identity),
            ("request id", self.check_request_id),
            ("trace id", self.check_trace_id),
            ("error envelope", self.check_error_envelope),
            ("writer deletes its documents", self.check_cleanup),
        ]

    def run(self):
        started = time.monotonic()
        print("verify: %s, %s mode, %s" % (self.gateway.base, self.mode,
              "run-unique documents" if self.writes else "demo corpus"))
        for name, check in self.checks():
            t0 = time.monotonic()
            skipped = False
            try:
                detail, ok = check(), True
            except Skipped as skip:
                detail, ok, skipped = str(skip), True, True
            except CheckFailed as failure:
                detail, ok = str(failure), False
            except Exception as unexpected:  # noqa: BLE001 - a check must never stop the run
                detail, ok = "unexpected %s" % type(unexpected).__name__, False
            seconds = time.monotonic() - t0
            self.results.append({"name": name, "ok": ok, "skipped": skipped,
                                 "seconds": round(seconds, 3), "detail": detail})
            label = "skip" if skipped else ("ok" if ok else "FAIL")
            print("%-4s %6.3fs  %s: %s" % (label, seconds, name, detail))
        self.leftovers()
        total = time.monotonic() - started
        skipped = sum(1 for r in self.results if r["skipped"])
        passed = sum(1 for r in self.results if r["ok"]) - skipped
        failed = len(self.results) - passed - skipped
        in_time = total <= LIMIT_SECONDS
        summary = "%d passed, %d failed, %d skipped in %.1f s (limit %.0f s)%s" % (
            passed, failed, skipped, total, LIMIT_SECONDS, "" if in_time else ": TOO SLOW")
        print("verify: " + summary)
        return {"summary": summary, "base_url": self.gateway.base, "mode": self.mode, "run_id": self.run_id,
                "corpus": "run-unique documents" if self.writes else "demo corpus",
                "checks": self.results, "passed": passed, "failed": failed, "skipped": skipped,
                "total_seconds": round(total, 3), "limit_seconds": LIMIT_SECONDS,
                "ok": failed == 0 and in_time}

    def leftovers(self):
        """Deletes what a failed run left behind, so that a shared deployment stays clean."""
        for principal, doc_id, _, _ in self.created:
            try:
                self.gateway.request("DELETE", "/documents/" + doc_id, self.as_(principal))
            except CheckFailed:
                pass


def common_headers(r):
    expect(r.header("Cache-Control") == "no-store", "Cache-Control: no-store")
    expect(is_uuid(r.header("X-Request-Id") or ""), "X-Request-Id is a UUID")
    expect(r.header("X-Trace-Id"), "X-Trace-Id is set")


def error(r, status, code):
    expect(r.status == status, "expected %d %s, got %d" % (status, code, r.status))
    expect((r.header("Content-Type") or "").startswith("application/json"), "an error is JSON")
    body = r.json()
    expect(isinstance(body, dict) and set(body) == {"error", "request_id"}, "the envelope's fields")
    expect(isinstance(body["error"], dict) and set(body["error"]) == {"code", "message"}, "error.code and error.message")
    expect(body["error"]["code"] == code, "code %s, got %s" % (code, body["error"]["code"]))
    expect(body["request_id"] == r.header("X-Request-Id"), "request_id is X-Request-Id")
    common_headers(r)


# Headers that differ on every response by design: the gateway's ids, the date, and the ids API
# Gateway adds in front of the Lambda (as the contract suite ignores them, see docs/contract.md).
PER_RESPONSE_HEADERS = ("x-request-id", "x-trace-id", "date", "apigw-requestid", "x-amzn-requestid",
                        "x-amz-apigw-id", "x-amzn-trace-id")


def same_not_found(reference, r):
    error(reference, 404, "not_found")
    error(r, 404, "not_found")
    strip = lambda resp: {k: v for k, v in resp.headers.items() if k not in PER_RESPONSE_HEADERS}
    expect(strip(reference) == strip(r), "the same headers apart from the ids")
    a, b = reference.json(), r.json()
    a.pop("request_id"), b.pop("request_id")
    expect(a == b, "the same body apart from request_id")


def is_uuid(value):
    try:
        return str(uuid.UUID(value)) == value.lower()
    except (ValueError, AttributeError, TypeError):
        return False


def load_tokens(path):
    with open(path, encoding="utf-8") as f:
        tokens = json.load(f)
    if not isinstance(tokens, dict) or not all(
            isinstance(k, str) and k.count("|") == 2 and isinstance(v, str) for k, v in tokens.items()):
        raise SystemExit('verify: the tokens file must be a JSON object "user|tenant|role" -> token')
    return tokens


def main(argv=None):
    parser = argparse.ArgumentParser(description="The Retrieval Gateway reference client's 90-second verify.")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--mode", choices=["header", "jwt"], default="header")
    parser.add_argument("--token-cmd", help="jwt mode: a command printing a token, with {user} {tenant} {role}")
    parser.add_argument("--tokens", help='jwt mode: a JSON file {"user|tenant|role": "token", ...}')
    parser.add_argument("--tenants", help="two tenant names, a,b (default: run-unique ones)")
    parser.add_argument("--json", dest="json_path", help="write a machine-readable transcript here")
    args = parser.parse_args(argv)
    if args.mode == "jwt" and not (args.token_cmd or args.tokens):
        parser.error("--mode jwt needs --token-cmd or --tokens")
    if args.token_cmd and not all(p in args.token_cmd for p in ("{user}", "{tenant}", "{role}")):
        parser.error("--token-cmd must contain {user}, {tenant} and {role}")
    try:
        report = Verify(args).run()
    except CheckFailed as failure:
        report = {"summary": "cannot start", "base_url": args.base_url, "mode": args.mode,
                  "checks": [], "passed": 0, "failed": 1,
                  "total_seconds": 0, "limit_seconds": LIMIT_SECONDS, "ok": False, "error": str(failure)}
        print("verify: cannot start: %s" % failure)
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
