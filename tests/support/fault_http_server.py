#!/usr/bin/python3
"""A fault-injecting HTTP/1.1 server for fetcher tests (Python stdlib only).

Listens on 127.0.0.1 on an ephemeral port, prints the port on stdout, and serves until
stdin closes or it gets SIGTERM. With `--tls CERT KEY` it speaks HTTPS. Every path is one fault:

  /robots.txt         by Host: slowbot.* -> Crawl-delay: 1; down.* -> 503; norobots.* -> 404;
                      otherwise User-agent: * / Disallow: /private/ / Allow: /private/open
  /feed               a small RSS feed with ETag and Last-Modified; 304 when they match
  /status/N           HTTP status N
  /loop/a, /loop/b    a redirect loop
  /chain/N            N redirects before a 200
  /moved              301 to /feed
  /redirect?to=URL    302 to URL
  /stall              accepts, then says nothing for 30 s
  /bomb               gzip of 64 MiB of zeros (about 64 KiB on the wire)
  /truncated          Content-Length 1000, 10 bytes, close
  /slow?ms=N          200 after N ms; the server tracks how many run at once
  /retry?key=K        first hit per key: 503 + Retry-After: 2; later hits: 200
  /echo?h=NAME        200 with the value of request header NAME (or "-")
  /stats              JSON: max_active, hits per path, hit times, count of 304s,
                      connections accepted
  /reset              clears the stats
"""
import json
import os
import signal
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>one</title><link>http://example.org/1</link></item></channel></rss>"""
ETAG = '"v1"'
LAST_MODIFIED = "Mon, 02 Nov 2026 10:00:00 GMT"
ROBOTS = b"User-agent: *\nDisallow: /private/\nAllow: /private/open\n"

lock = threading.Lock()
stats = {}


def reset():
    with lock:
        stats.clear()
        stats.update(active=0, max_active=0, hits={}, times={}, not_modified=0, retried=[], connections=0)


reset()
bomb = None


def make_bomb():
    global bomb
    if bomb is None:
        z = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip wrapper
        chunk = bytes(1 << 20)
        parts = [z.compress(chunk) for _ in range(64)]
        parts.append(z.flush())
        bomb = b"".join(parts)
    return bomb


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        with lock:
            stats["connections"] += 1

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        if path not in ("/stats", "/reset"):
            with lock:
                stats["hits"][path] = stats["hits"].get(path, 0) + 1
                stats["times"].setdefault(path, []).append(time.monotonic())
        if path == "/robots.txt":
            host = self.headers.get("Host", "")
            if host.startswith("slowbot."):
                return self.send(200, b"User-agent: *\nCrawl-delay: 1\n", [("Content-Type", "text/plain")])
            if host.startswith("down."):
                return self.send(503, b"down for maintenance")
            if host.startswith("norobots."):
                return self.send(404, b"no robots here")
            return self.send(200, ROBOTS, [("Content-Type", "text/plain")])
        if path == "/feed":
            if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                with lock:
                    stats["not_modified"] += 1
                return self.send(304, b"", [("ETag", ETAG)])
            return self.send(200, FEED, [("Content-Type", "application/rss+xml"), ("ETag", ETAG),
                                          ("Last-Modified", LAST_MODIFIED)])
        if path.startswith("/status/"):
            return self.send(int(path[8:]), b"status body")
        if path == "/loop/a":
            return self.send(302, b"", [("Location", "/loop/b")])
        if path == "/loop/b":
            return self.send(302, b"", [("Location", "/loop/a")])
        if path.startswith("/chain/"):
            n = int(path[7:])
            if n <= 0:
                return self.send(200, b"end of chain")
            return self.send(302, b"", [("Location", "/chain/%d" % (n - 1))])
        if path == "/moved":
            return self.send(301, b"", [("Location", "/feed")])
        if path == "/redirect":
            return self.send(302, b"", [("Location", query["to"][0])])
        if path == "/stall":
            time.sleep(30)
            return self.send(200, b"too late")
        if path == "/bomb":
            return self.send(200, make_bomb(), [("Content-Encoding", "gzip"), ("Content-Type", "text/html")])
        if path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            self.close_connection = True
            return None
        if path == "/slow":
            with lock:
                stats["active"] += 1
                stats["max_active"] = max(stats["max_active"], stats["active"])
            time.sleep(int(query.get("ms", ["200"])[0]) / 1000.0)
            with lock:
                stats["active"] -= 1
            return self.send(200, b"slow ok")
        if path == "/retry":
            key = query.get("key", [""])[0]
            with lock:
                first = key not in stats["retried"]
                if first:
                    stats["retried"].append(key)
            if first:
                return self.send(503, b"busy", [("Retry-After", "2")])
            return self.send(200, b"retry ok")
        if path == "/echo":
            return self.send(200, self.headers.get(query.get("h", [""])[0], "-").encode())
        if path == "/stats":
            with lock:
                body = json.dumps(stats).encode()
            return self.send(200, body, [("Content-Type", "application/json")])
        if path == "/reset":
            reset()
            return self.send(200, b"reset")
        if path.startswith("/private/open") or path.startswith("/open"):
            return self.send(200, b"open")
        return self.send(404, b"not found")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients that give up (timeouts, cut bodies, shutdown) are the point of this server.
        if not isinstance(sys.exc_info()[1], (ConnectionError, BrokenPipeError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
