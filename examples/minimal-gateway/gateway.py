#!/usr/bin/env python3
"""A minimal, independent implementation of the Retrieval Gateway contract (CONTRACT.md, v1).

Written from CONTRACT.md alone, in Python's standard library, to show that the contract suite
(contract-tests/) tests the contract and not the Java gateway: run against this program it fails
only where the two really differ (README.md beside this file lists where, and why).

    python3 examples/minimal-gateway/gateway.py --port 8000
    curl -s -H 'X-User: demo' -H 'X-Tenant: tenant-a' -H 'X-Role: intern' 127.0.0.1:8000/whoami

Header identity mode only, so it listens on 127.0.0.1 only. Documents live in memory. Logs are
JSON lines on standard output; no body, query text, document text or identity header value
(beyond a valid principal's names) is ever logged.
"""

import argparse
import collections
import http
import json
import math
import re
import signal
import socket
import socketserver
import sys
import threading
import time
import traceback
import uuid
from datetime import datetime, timezone

VERSION = "minimal-1"
KIB, MIB = 1024, 1024 * 1024
REQUEST_LINE_LIMIT, HEADERS_LIMIT, BODY_LIMIT = 8 * KIB, 16 * KIB, MIB
MAX_DEPTH, MAX_TERMS, SNIPPET = 32, 256, 300
CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"]
ROLES = {  # CONTRACT.md, "Roles and clearance": name -> (reads up to, may write)
    "intern": ("internal", False),
    "analyst": ("confidential", False),
    "admin": ("restricted", True),
}
ROUTES = {"/health": "GET", "/openapi": "GET", "/whoami": "GET", "/query": "POST",
          "/documents": "POST", "/documents/{doc_id}": "GET, DELETE"}
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
DOC_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
TRACE_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
METHOD = re.compile(r"[!#$%&'*+.^_`|~0-9A-Z-]+")  # methods are case-sensitive: upper case only
MESSAGES = {
    "bad_request": "malformed or invalid request", "unauthenticated": "no valid identity",
    "forbidden": "not allowed for this role", "quota_exceeded": "document quota reached",
    "not_found": "not found", "method_not_allowed": "method not allowed on this path",
    "conflict": "id already taken", "payload_too_large": "body over the limit",
    "uri_too_long": "request line over the limit", "unsupported_media_type": "body must be JSON",
    "too_many_requests": "slow down", "headers_too_large": "headers over the limit",
    "internal": "internal error",
}
STATUS = {"bad_request": 400, "unauthenticated": 401, "forbidden": 403, "quota_exceeded": 403,
          "not_found": 404, "method_not_allowed": 405, "conflict": 409, "payload_too_large": 413,
          "uri_too_long": 414, "unsupported_media_type": 415, "too_many_requests": 429,
          "headers_too_large": 431, "internal": 500}
STOP_WORDS = set("a an and are as at be but by for if in into is it no not of on or such that the "
                 "their then there these they this to was will with".split())
# A minimal document of this implementation's own (JSON is YAML too, so one text serves both).
OPENAPI = json.dumps({"openapi": "3.0.3", "info": {"title": "Minimal gateway", "version": "1"},
                      "paths": {p: {m.lower(): {"responses": {"200": {"description": "ok"}}}
                                    for m in ms.split(", ")} for p, ms in ROUTES.items()}})


LOG_LOCK = threading.Lock()


def log(event, **fields):
    ts = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    line = {"ts": ts, "level": "INFO", "logger": "gateway", "event": event, **fields}
    with LOG_LOCK:
        print(json.dumps(line), flush=True)


class Reject(Exception):
    """An error answer: its code names status and message (CONTRACT.md, "Errors")."""

    def __init__(self, code, close=False, headers=()):
        super().__init__(code)
        self.code, self.close, self.headers = code, close, list(headers)


# ---- throttling ---------------------------------------------------------------------------------

class Buckets:
    """Token buckets, at most 100,000, least recently used dropped first (a dropped one is full)."""

    def __init__(self, rate, burst, size=100_000):
        self.rate, self.burst, self.size = rate, burst, size
        self.table, self.lock = collections.OrderedDict(), threading.Lock()

    def take(self, key):
        """None when the request may go on, else the whole seconds to wait."""
        with self.lock:
            now = time.monotonic()
            tokens, then = self.table.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens >= 1:
                self.table[key] = (tokens - 1, now)
                wait = None
            else:
                self.table[key] = (tokens, now)
                wait = max(1, math.ceil((1 - tokens) / self.rate))
            while len(self.table) > self.size:
                self.table.popitem(last=False)
            return wait


# ---- the corpus and its ranking -----------------------------------------------------------------

def terms(text):
    """Lower-cased words, stop words left out: operators and syntax characters are just text."""
    return [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in STOP_WORDS]


class Corpus:
    """Documents per tenant; ranking statistics only over the documents the caller may read."""

    def __init__(self, max_documents):
        self.max_documents = max_documents
        self.tenants = collections.defaultdict(dict)  # tenant -> doc_id -> document
        self.lock = threading.Lock()

    def add(self, tenant, doc):
        with self.lock:
            docs = self.tenants[tenant]
            if doc["doc_id"] in docs:
                raise Reject("conflict")
            if len(docs) >= self.max_documents:
                raise Reject("quota_exceeded")
            words = terms(doc["title"] + " " + doc["body"])
            docs[doc["doc_id"]] = {**doc, "tf": collections.Counter(words), "length": len(words)}

    def get(self, tenant, doc_id, clearance):
        with self.lock:
            doc = self.tenants.get(tenant, {}).get(doc_id)
        return doc if doc and readable(doc, clearance) else None

    def delete(self, tenant, doc_id):
        with self.lock:
            return self.tenants.get(tenant, {}).pop(doc_id, None) is not None

    def search(self, tenant, clearance, text, top_k):
        """BM25 (k1 1.2, b 0.75) over title and body, ties broken by doc_id."""
        query = list(dict.fromkeys(terms(text)))[:MAX_TERMS]
        with self.lock:
            docs = [d for d in self.tenants.get(tenant, {}).values() if readable(d, clearance)]
        if not query or not docs:
            return []
        average = sum(d["length"] for d in docs) / len(docs) or 1
        df = {t: sum(1 for d in docs if t in d["tf"]) for t in query}
        scored = []
        for d in docs:
            score = 0.0
            for t in query:
                tf = d["tf"].get(t, 0)
                if tf:
                    idf = math.log(1 + (len(docs) - df[t] + 0.5) / (df[t] + 0.5))
                    score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * d["length"] / average))
            if score > 0:
                scored.append((-score, d["doc_id"], d))
        scored.sort(key=lambda s: (s[0], s[1]))
        return [{"doc_id": d["doc_id"], "title": d["title"], "snippet": snippet(d["body"], query),
                 "score": -s, "classification": d["classification"]} for s, _, d in scored[:top_k]]


def readable(doc, clearance):
    return CLASSIFICATIONS.index(doc["classification"]) <= CLASSIFICATIONS.index(clearance)


def snippet(body, query):
    """At most 300 characters from shortly before the first query term, cut at word boundaries."""
    start = 0
    for m in re.finditer(r"[^\W_]+", body):
        if m.group().lower() in query:
            start = max(0, m.start() - 40)
            break
    while 0 < start and not body[start - 1].isspace():
        start += 1  # begin at a word's start
        if start >= len(body):
            start = 0
            break
    window = body[start:start + SNIPPET]
    if start + SNIPPET < len(body) and " " in window:
        window = window[:window.rindex(" ")]
    return window


# ---- request bodies -----------------------------------------------------------------------------

def json_object(raw, fields):
    """Exactly one JSON object, strict UTF-8, no duplicate or unknown key, nesting at most 32."""
    try:
        if raw.startswith(b"\xef\xbb\xbf"):
            raise ValueError("byte order mark")
        text = raw.decode("utf-8")
        depth = deepest = 0
        for c in re.findall(r"[][{}]", re.sub(r'"(?:[^"\\]|\\.)*"', "", text)):
            depth += 1 if c in "[{" else -1
            deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise ValueError("too deep")
        value = json.loads(text, object_pairs_hook=unique_keys, parse_constant=no_constant)
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # an unpaired surrogate fails here
    except (ValueError, RecursionError, UnicodeError):
        raise Reject("bad_request")
    if not isinstance(value, dict) or not set(value) <= fields:
        raise Reject("bad_request")
    return value


def unique_keys(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def no_constant(name):
    raise ValueError("not JSON: " + name)


def text_field(value, low, high):
    return isinstance(value, str) and low <= len(value) <= high  # len counts code points


# ---- HTTP ---------------------------------------------------------------------------------------

class Handler(socketserver.StreamRequestHandler):
    timeout = 30  # a client slower than this is closed

    def handle(self):
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            while self.exchange():
                pass
        except (OSError, TimeoutError):
            pass

    def exchange(self):
        """One request and its answer; False when the connection is to be closed."""
        self.request_id = str(uuid.uuid4())
        self.trace_id, self.principal, self.route = self.request_id, None, None
        self.method, self.body_pending, self.started = None, False, time.monotonic()
        self.client_closes = False
        try:
            line = self.rfile.readline(REQUEST_LINE_LIMIT + 3)
            if not line:
                return False
            method, target, headers = self.read_head(line)
            self.method = method
            self.client_closes = "close" in ",".join(self.values(headers, "connection")).lower(
            ).replace(" ", "").split(",")
            status, body, extra = self.dispatch(method, target, headers)
            close = self.client_closes or self.body_pending  # unread bytes are never parsed
            self.answer(status, body, extra, close)
            return not close
        except Reject as e:
            close = e.close or self.client_closes or self.body_pending
            self.error(e.code, e.headers, close)
            return not close
        except TimeoutError:
            return False
        except Exception as e:  # never a default page, never the exception's message
            frames = [f"{f.name}:{f.lineno}" for f in traceback.extract_tb(e.__traceback__)]
            log("error", request_id=self.request_id, trace_id=self.trace_id,
                exception=type(e).__name__, frames=frames)
            self.error("internal", close=True)
            return False

    def read_head(self, line):
        if not line.endswith(b"\r\n"):
            raise Reject("uri_too_long" if len(line) > REQUEST_LINE_LIMIT else "bad_request", True)
        parts = line[:-2].decode("latin-1").split(" ")
        if len(parts) != 3 or not METHOD.fullmatch(parts[0]) or not parts[1].startswith("/"):
            raise Reject("bad_request", True)
        if parts[2] != "HTTP/1.1":  # HTTP/1.0, clear-text HTTP/2.0: CONTRACT.md's choice, 400
            raise Reject("bad_request", True)
        headers, size = [], 0
        while True:
            raw = self.rfile.readline(HEADERS_LIMIT - size + 3)
            size += len(raw)
            if size > HEADERS_LIMIT:
                raise Reject("headers_too_large", True)
            if raw == b"\r\n":
                break
            if not raw.endswith(b"\r\n"):
                raise Reject("bad_request", True)
            text = raw[:-2].decode("latin-1")
            name, colon, value = text.partition(":")
            if not colon or not TOKEN.fullmatch(name) or re.search(r"[\x00-\x08\x0a-\x1f\x7f]",
                                                                     value):
                raise Reject("bad_request", True)
            headers.append((name.lower(), value.strip(" \t")))
        traces = self.values(headers, "x-trace-id")
        if len(traces) == 1 and TRACE_ID.fullmatch(traces[0]):
            self.trace_id = traces[0]
        if len(self.values(headers, "host")) != 1:
            raise Reject("bad_request", True)
        return parts[0], parts[1], headers

    @staticmethod
    def values(headers, name):
        return [v for n, v in headers if n == name]

    def dispatch(self, method, target, headers):
        """CONTRACT.md's order of checks: route, identity, throttle, access, request, resource."""
        path = target.split("?", 1)[0]
        if path.startswith("/documents/") and path.count("/") == 2:
            route, doc_id = "/documents/{doc_id}", path[len("/documents/"):]
        else:
            route, doc_id = path, None
        length = self.declared_body(headers)  # the HTTP layer's 400 and 413 come first
        if route not in ROUTES:
            raise Reject("not_found")
        self.route = route
        if method not in ROUTES[route].split(", "):
            raise Reject("method_not_allowed", headers=[("Allow", ROUTES[route])])
        if route == "/health":
            return 200, {"status": "ok", "version": VERSION}, []
        if route == "/openapi":
            accept = ",".join(self.values(headers, "accept")).lower()
            wants_json = re.search(r"(^|,)\s*application/json\s*(;|,|$)", accept)
            return 200, OPENAPI, [("Content-Type",
                                   "application/json" if wants_json else "application/yaml")]
        user, tenant, role = self.identify(headers)
        wait = self.server.principals.take((user, tenant, role))
        if wait:
            log("throttled", request_id=self.request_id, trace_id=self.trace_id, user=user,
                tenant=tenant, role=role)
            raise Reject("too_many_requests", headers=[("Retry-After", str(wait))])
        clearance, writer = ROLES[role]
        if method in ("POST", "DELETE") and route != "/query" and not writer:
            self.denied("not_writer")
            raise Reject("forbidden")

        def body(fields):  # read only once identity and access have passed
            return json_object(self.read_body(headers, length), fields)

        if route == "/whoami":
            return 200, {"user": user, "tenant": tenant, "role": role, "clearance": clearance,
                         "auth_mode": "header"}, []
        if route == "/query":
            return self.query(tenant, clearance, body({"query", "top_k"}))
        if route == "/documents":
            return self.ingest(tenant, body({"doc_id", "title", "body", "classification"}))
        if method == "GET":
            return self.read(tenant, clearance, doc_id)
        return self.delete(tenant, doc_id)

    def query(self, tenant, clearance, q):
        top_k = q.get("top_k", 5)
        if not text_field(q.get("query"), 1, 1024) or type(top_k) is not int or not (
                1 <= top_k <= 50):
            raise Reject("bad_request")
        results = self.server.corpus.search(tenant, clearance, q["query"], top_k)
        return 200, {"results": results, "count": len(results)}, []

    def ingest(self, tenant, d):
        doc_id = d.get("doc_id", str(uuid.uuid4()))
        if not (isinstance(doc_id, str) and DOC_ID.fullmatch(doc_id)
                and doc_id not in (".", "..")  # a dot segment: its Location would be another URL
                and text_field(d.get("title"), 1, 200) and text_field(d.get("body"), 1, 100_000)
                and d.get("classification") in CLASSIFICATIONS):
            raise Reject("bad_request")
        self.server.corpus.add(tenant, {"doc_id": doc_id, "title": d["title"], "body": d["body"],
                                        "classification": d["classification"]})
        return 201, {"doc_id": doc_id}, [("Location", "/documents/" + doc_id)]

    def read(self, tenant, clearance, doc_id):
        """One 404 for missing, another tenant's, above the clearance, and an invalid id."""
        valid = DOC_ID.fullmatch(doc_id) is not None
        doc = self.server.corpus.get(tenant, doc_id, clearance) if valid else None
        if doc is None:
            if valid and self.server.corpus.get(tenant, doc_id, "restricted"):
                self.denied("clearance")
            raise Reject("not_found")
        return 200, {k: doc[k] for k in ("doc_id", "title", "body", "classification")}, []

    def delete(self, tenant, doc_id):
        if not (DOC_ID.fullmatch(doc_id) and self.server.corpus.delete(tenant, doc_id)):
            raise Reject("not_found")
        return 204, None, []

    def identify(self, headers):
        found = [self.values(headers, h) for h in ("x-user", "x-tenant", "x-role")]
        ok = all(len(v) == 1 for v in found)
        if ok:
            user, tenant, role = (v[0] for v in found)
            ok = NAME.fullmatch(user) and NAME.fullmatch(tenant) and role in ROLES
        if not ok:
            client = self.client_address[0]
            wait = self.server.clients.take(client)
            if wait:
                log("throttled", request_id=self.request_id, trace_id=self.trace_id,
                    client=client)
                raise Reject("too_many_requests", headers=[("Retry-After", str(wait))])
            self.denied("unauthenticated")
            raise Reject("unauthenticated")
        self.principal = {"user": user, "tenant": tenant, "role": role}
        return user, tenant, role

    def denied(self, reason):
        log("access_denied", request_id=self.request_id, trace_id=self.trace_id, reason=reason,
            route=self.route, **(self.principal or {}))

    def declared_body(self, headers):
        """The body's framing, checked before anything else; the body itself is read on demand."""
        lengths = self.values(headers, "content-length")
        codings = self.values(headers, "transfer-encoding")
        if codings:
            if lengths or len(codings) != 1 or codings[0].lower() != "chunked":
                raise Reject("bad_request", True)
            self.body_pending = True
            return -1
        if not lengths:
            return 0
        if len(set(lengths)) != 1 or not re.fullmatch(r"[0-9]{1,16}", lengths[0]):
            raise Reject("bad_request", True)
        length = int(lengths[0])
        if length > BODY_LIMIT:
            raise Reject("payload_too_large", True)
        self.body_pending = length > 0
        return length

    def read_body(self, headers, length):
        """Checks the media type, then reads the body (at most 1 MiB)."""
        types = self.values(headers, "content-type")
        if len(types) != 1:
            raise Reject("unsupported_media_type")
        media, *params = [p.strip() for p in types[0].split(";")]
        if not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+", media):
            raise Reject("bad_request")
        if media.lower() != "application/json":
            raise Reject("unsupported_media_type")
        for p in params:
            name, eq, value = p.partition("=")
            if not eq or not TOKEN.fullmatch(name.strip()):
                raise Reject("bad_request")
            if name.strip().lower() == "charset" and value.strip().strip('"').lower() != "utf-8":
                raise Reject("unsupported_media_type")
        if any(v.lower() == "100-continue" for v in self.values(headers, "expect")):
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        try:
            body = self.read_chunked() if length < 0 else self.rfile.read(length)
        except TimeoutError:
            raise Reject("bad_request", True)
        if length >= 0 and len(body) < length:
            raise Reject("bad_request", True)
        self.body_pending = False
        return body

    def read_chunked(self):
        body = bytearray()
        while True:
            line = self.rfile.readline(4 * KIB + 1)
            if not line.endswith(b"\r\n"):
                raise Reject("bad_request", True)
            size = line[:-2].split(b";", 1)[0]
            if not re.fullmatch(rb"[0-9A-Fa-f]{1,8}", size):
                raise Reject("bad_request", True)
            n = int(size, 16)
            if n == 0:
                break
            if len(body) + n > BODY_LIMIT:
                self.body_pending = True
                raise Reject("payload_too_large", True)
            body += self.rfile.read(n)
            if self.rfile.read(2) != b"\r\n":
                raise Reject("bad_request", True)
        while self.rfile.readline(4 * KIB + 1) not in (b"\r\n", b""):
            pass  # trailers: ignored
        return bytes(body)

    def error(self, code, headers=(), close=False):
        body = {"error": {"code": code, "message": MESSAGES[code]}, "request_id": self.request_id}
        self.answer(STATUS[code], body, list(headers), close)

    def answer(self, status, body, headers, close):
        if isinstance(body, str):
            payload = body.encode("utf-8")
        else:
            payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        names = {n.lower() for n, _ in headers}
        lines = [f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}"]
        if body is not None and "content-type" not in names:
            lines.append("Content-Type: application/json")
        lines += [f"{n}: {v}" for n, v in headers]
        lines += ["Cache-Control: no-store", f"X-Request-Id: {self.request_id}",
                  f"X-Trace-Id: {self.trace_id}", f"Content-Length: {len(payload)}"]
        if close:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head if self.method == "HEAD" else head + payload)
        self.wfile.flush()
        log("request", request_id=self.request_id, trace_id=self.trace_id,
            method=getattr(self, "method", None), route=self.route or "(unmatched)", status=status,
            duration_ms=round((time.monotonic() - self.started) * 1000, 1),
            **(self.principal or {}))
        if close:
            self.linger()

    def linger(self):
        """Closes after the answer without resetting it: stop writing, drop what is still sent."""
        try:
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(2)
            while self.connection.recv(64 * KIB):
                pass
        except OSError:
            pass


class Gateway(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, port, rate, burst, max_documents):
        super().__init__(("127.0.0.1", port), Handler)  # header mode: loopback only
        self.principals, self.clients = Buckets(rate, burst), Buckets(rate, burst)
        self.corpus = Corpus(max_documents)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--throttle-rate", type=float, default=50)
    parser.add_argument("--throttle-burst", type=int, default=100)
    parser.add_argument("--max-documents", type=int, default=10_000)
    args = parser.parse_args()
    try:
        server = Gateway(args.port, args.throttle_rate, args.throttle_burst, args.max_documents)
    except OSError:
        log("startup_failed", key="port", port=args.port)
        sys.exit(2)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop as on Ctrl-C: log shutdown
    log("startup", version=VERSION, auth_mode="header", port=server.server_address[1],
        documents=0)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        log("shutdown", version=VERSION, auth_mode="header", port=server.server_address[1])
        server.server_close()


if __name__ == "__main__":
    main()
