"""The daemon's HTTP endpoint (daemon.http_listen) end to end: /healthz and /metrics
answer; a digest's List-Unsubscribe URL carries a token keyed by <state>/unsubscribe.key;
GET on it shows a form and unsubscribes nobody; a forged token gets 403; POST
List-Unsubscribe=One-Click unsubscribes, and the address gets no further digest while
another subscriber does; hostile requests are refused; SIGTERM stops it cleanly."""

import hashlib
import hmac
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

GONE = "gone@example.org"
STAYS = "stays@example.org"


def fetch(url, data=None, timeout=5):
    """(status, body text) for a GET, or a form POST when data is given."""
    req = urllib.request.Request(url, data=data)
    if data is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def raw_request(port, data, timeout=5):
    """Sends raw bytes, returns everything until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except OSError:
            pass
        out = b""
        while True:
            try:
                chunk = s.recv(4096)
            except ConnectionResetError:
                break
            if not chunk:
                break
            out += chunk
        return out


class HttpListenTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.port = h.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.items = [{"title": "First item", "link": self.site.url("/1.html"), "guid": "1",
                       "date": h.ago(hours=1)}]
        self.publish()
        with open(self.g.config, "w") as f:
            f.write(f"""[daemon]
state_dir = "{self.g.state}"
poll_interval = "1s"
backfill = "3d"
fetch_timeout = "5s"
http_listen = "127.0.0.1:{self.port}"

[mail]
from = "GP Alerts <alerts@example.org>"
unsubscribe_url = "{self.base}/unsubscribe"

[[sources]]
name = "Feed"
url = "{self.site.url('/feed.xml')}"

[[subscribers]]
email = "{GONE}"
digest = "immediate"

[[subscribers]]
email = "{STAYS}"
digest = "immediate"
""")

    def publish(self):
        self.publish_feed("/feed.xml", self.items)

    def metrics(self):
        status, body = fetch(self.base + "/metrics")
        self.assertEqual(status, 200, body)
        values = {}
        for line in body.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                values[name] = float(value)
        return values

    def digests_to(self, address):
        return [m for m in self.g.maildir_messages() if address in str(m["To"])]

    def healthz_ok(self):
        try:
            return fetch(self.base + "/healthz", timeout=1) == (200, "ok\n")
        except OSError:
            return False

    def test_one_click_unsubscribe_end_to_end(self):
        proc = self.daemon()
        h.wait_for(self.healthz_ok, what="/healthz")
        h.wait_for(lambda: len(self.digests_to(GONE)) == 1 and len(self.digests_to(STAYS)) == 1,
                   what="the first digests")
        h.wait_for(lambda: self.metrics().get('gpalert_outbox_messages{state="sent"}') == 2,
                   what="both digests counted as sent")

        m = self.metrics()
        self.assertEqual(m["gpalert_sources"], 1)
        self.assertEqual(m["gpalert_sources_failing"], 0)
        self.assertEqual(m["gpalert_articles"], 1)
        self.assertEqual(m['gpalert_outbox_messages{state="pending"}'], 0)
        self.assertEqual(m["gpalert_suppressed_addresses"], 0)
        self.assertGreaterEqual(m["gpalert_polls_total"], 1)
        self.assertEqual(m["gpalert_polls_failed_total"], 0)
        self.assertGreaterEqual(m["gpalert_digests_queued_total"], 2)
        self.assertLess(abs(m["process_start_time_seconds"] - time.time()), 120)

        # The token is keyed by the state's secret: 32 bytes, 0600, and not the unkeyed one.
        key_path = os.path.join(self.g.state, "unsubscribe.key")
        st = os.stat(key_path)
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o600)
        self.assertEqual(st.st_size, 32)
        with open(key_path, "rb") as f:
            key = f.read()

        def token(k, address):
            return hmac.new(k, b"unsubscribe\n" + address.lower().encode(), hashlib.sha256).hexdigest()[:32]

        header = str(self.digests_to(GONE)[0]["List-Unsubscribe"])
        urls = re.findall(r"<(http[^>]+)>", header)
        self.assertEqual(len(urls), 1, header)
        url = urls[0]
        self.assertTrue(url.startswith(self.base + "/unsubscribe?"), url)
        self.assertIn("token=" + token(key, GONE), url)
        self.assertNotIn("token=" + token(b"", GONE), url)

        # GET shows a confirmation form and unsubscribes nobody (scanners prefetch links).
        status, body = fetch(url)
        self.assertEqual(status, 200, body)
        self.assertIn('<form method="post"', body)
        self.assertIn('value="One-Click"', body)
        self.assertEqual(self.metrics()["gpalert_suppressed_addresses"], 0)

        # A forged token (unkeyed, or another address's) is refused.
        for forged in (token(b"", GONE), token(key, STAYS)):
            status, body = fetch(url.replace(token(key, GONE), forged), data=b"List-Unsubscribe=One-Click")
            self.assertEqual(status, 403, body)
            self.assertIn("not valid", body)
        self.assertEqual(self.metrics()["gpalert_suppressed_addresses"], 0)

        # RFC 8058 one-click POST unsubscribes (and again is harmless).
        for _ in range(2):
            status, body = fetch(url, data=b"List-Unsubscribe=One-Click")
            self.assertEqual(status, 200, body)
        self.assertEqual(self.metrics()["gpalert_suppressed_addresses"], 1)
        self.assertIn("unsubscribed (one-click)", self.g.daemon_log())

        # A new item: the other subscriber gets it, the unsubscribed address does not.
        polls_before = self.metrics()["gpalert_polls_total"]
        self.items.insert(0, {"title": "Second item", "link": self.site.url("/2.html"), "guid": "2",
                              "date": h.ago(minutes=1)})
        self.publish()
        h.wait_for(lambda: len(self.digests_to(STAYS)) == 2, what="the second digest")
        h.wait_for(lambda: self.metrics()["gpalert_polls_total"] >= polls_before + 3,
                   what="more polls after the second digest")
        self.assertEqual(len(self.digests_to(GONE)), 1)
        self.assertIn("Second item", h.text_part(self.digests_to(STAYS)[-1]))
        m = self.metrics()
        self.assertEqual(m["gpalert_articles"], 2)
        self.assertEqual(m['gpalert_outbox_messages{state="sent"}'], 3)
        self.assertEqual(m['gpalert_outbox_messages{state="pending"}'], 0)

        # Hostile requests get their status and the daemon keeps serving.
        reply = raw_request(self.port, b"GET /healthz HTTP/1.1\r\nX: " + b"a" * 20000 + b"\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 431 "), reply[:100])
        reply = raw_request(self.port, b"GET /healthz HTTP/1.1\n\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 400 "), reply[:100])
        reply = raw_request(self.port, b"POST /unsubscribe HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 413 "), reply[:100])
        self.assertTrue(self.healthz_ok())

        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=15), 0)
        self.assertIn("stopped", self.g.daemon_log())

        # The key survives restarts: the same link still verifies (already unsubscribed page).
        with open(key_path, "rb") as f:
            self.assertEqual(f.read(), key)

    def test_health_checks_are_answered_while_one_client_trickles_70_connections(self):
        # Issue 9: 70 trickling connections from one client took all 64 slots and
        # /healthz answered 1 probe in 29.
        self.daemon()
        h.wait_for(self.healthz_ok, what="/healthz")
        tricklers = []
        self.addCleanup(lambda: [t.close() for t in tricklers])
        answered = 0
        for i in range(70):
            t = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            t.sendall(b"GET /healthz HTTP/1.1\r\nX-Slow: ")
            tricklers.append(t)
            if i % 5 == 4:
                try:
                    status, _ = fetch(self.base + "/healthz", timeout=3)
                    answered += status == 200
                except OSError:
                    pass
        probes = 70 // 5
        for _ in range(15):
            try:
                status, _ = fetch(self.base + "/healthz", timeout=3)
                answered += status == 200
            except OSError:
                pass
        self.assertEqual(answered, probes + 15)

    def test_a_port_in_use_stops_the_daemon_with_a_clear_error(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", self.port))
            s.listen(1)
            proc = subprocess.run([self.g.binary, "run", "--config", self.g.config],
                                  capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"http_listen 127.0.0.1:{self.port}", proc.stderr)
        self.assertIn("in use", proc.stderr)

    def test_a_short_key_file_stops_the_daemon_with_a_clear_error(self):
        os.makedirs(self.g.state, exist_ok=True)
        key_path = os.path.join(self.g.state, "unsubscribe.key")
        with open(key_path, "wb") as f:
            f.write(b"short")
        proc = subprocess.run([self.g.binary, "run", "--config", self.g.config],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(key_path, proc.stderr)
        self.assertIn("5 bytes", proc.stderr)


if __name__ == "__main__":
    h.main()
