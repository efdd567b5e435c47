// The Python side of LoopbackIndexServer, written to a temporary file when a server starts.
// Kept as a Swift string so the TestSupport target needs no resource declarations.
enum LoopbackIndexServerScript {
    static let source = #"""
# kiln's loopback index server for tests. Started by LoopbackIndexServer.swift; prints
# "PORT <n>" once listening; takes commands on stdin (one JSON object per line, one JSON
# answer per line on stdout) and exits when stdin closes or after a hard lifetime.
import hashlib, json, os, socket, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.realpath(sys.argv[1])
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 600.0
lock = threading.Lock()
faults = {}        # path -> list of [kind, remaining]; remaining < 0 means forever
requests = []      # dicts: method, path, headers
config = {"etag": True, "max_age": None, "last_modified": None, "json": True, "ranges": True}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.handle_request(send_body=False)

    def do_GET(self):
        self.handle_request(send_body=True)

    def handle_request(self, send_body):
        path = self.path.split("?", 1)[0]
        with lock:
            requests.append({"method": self.command, "path": path,
                             "headers": {k.lower(): v for k, v in self.headers.items()}})
            fault = None
            queue = faults.get(path, [])
            while queue and fault is None:
                kind, remaining = queue[0]
                if remaining == 0:
                    queue.pop(0)
                    continue
                fault = kind
                if remaining > 0:
                    queue[0][1] = remaining - 1
        if fault == "reset":
            self.reset_connection()
            return
        if fault == "status503":
            self.send_plain(503, b"unavailable\n")
            return
        resolved = self.resolve(path)
        if resolved is None:
            self.send_plain(404, b"not found\n")
            return
        file_path, content_type = resolved
        with open(file_path, "rb") as handle:
            body = handle.read()
        if fault == "corrupt":
            body = bytes(b ^ 0xFF for b in body[:16]) + body[16:]
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
        if config["etag"] and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, start, end = 200, 0, len(body)
        range_header = self.headers.get("Range") if config["ranges"] else None
        if range_header and range_header.startswith("bytes="):
            first, _, last = range_header[6:].partition("-")
            if first == "":  # suffix range: the last N bytes
                start = max(0, len(body) - int(last))
            else:
                start = int(first)
                if last:
                    end = min(len(body), int(last) + 1)
            if start >= len(body):
                self.send_response(416)
                self.send_header("Content-Range", "bytes */%d" % len(body))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        payload = body[start:end]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end - 1, len(body)))
        if config["etag"]:
            self.send_header("ETag", etag)
        if config["max_age"] is not None:
            self.send_header("Cache-Control", "max-age=%d" % config["max_age"])
        self.end_headers()
        if not send_body:
            return
        if fault == "truncate":
            # Half the promised bytes, then an orderly close: a Content-Length mismatch.
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.wfile.write(payload)

    def resolve(self, path):
        relative = path.lstrip("/")
        full = os.path.realpath(os.path.join(ROOT, relative))
        if not (full == ROOT or full.startswith(ROOT + os.sep)):
            return None
        if os.path.isdir(full):
            accept = self.headers.get("Accept", "")
            json_page = os.path.join(full, "index.json")
            if config["json"] and "application/vnd.pypi.simple.v1+json" in accept and os.path.isfile(json_page):
                return json_page, "application/vnd.pypi.simple.v1+json"
            html_page = os.path.join(full, "index.html")
            if os.path.isfile(html_page):
                return html_page, "text/html"
            return None
        if os.path.isfile(full):
            return full, "application/octet-stream"
        return None

    def send_plain(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def reset_connection(self):
        # SO_LINGER 0: close() sends RST, what a crashing proxy does.
        try:
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        except OSError:
            pass
        self.close_connection = True
        try:
            self.connection.close()
        except OSError:
            pass


def command(line):
    message = json.loads(line)
    action = message.get("action")
    with lock:
        if action == "fault":
            faults.setdefault(message["path"], []).append([message["kind"], int(message.get("times", 1))])
            return {"ok": True}
        if action == "config":
            for key in ("etag", "max_age", "json", "ranges"):
                if key in message:
                    config[key] = message[key]
            return {"ok": True}
        if action == "requests":
            return {"ok": True, "requests": [r for r in requests if message.get("path") in (None, r["path"])]}
        if action == "clear":
            requests.clear()
            faults.clear()
            return {"ok": True}
    return {"ok": False, "error": "unknown action %r" % action}


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Timer(LIFETIME, lambda: os._exit(3)).start()
    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()
    for line in sys.stdin:
        if line.strip():
            try:
                answer = command(line)
            except Exception as error:  # a bad command must not kill the server mid-test
                answer = {"ok": False, "error": str(error)}
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()
    os._exit(0)


main()
"""#
}
