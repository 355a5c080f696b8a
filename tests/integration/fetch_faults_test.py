"""The fetcher's faults seen from the CLI: `gpalert run --once` against the
fault-injecting server (tests/support/fault_http_server.py) finishes in seconds despite a
stalled source, and `gpalert sources` says in words why each bad source failed
(timeout, redirect loop, body limit, refused port, robots.txt, a redirect into the
internal network); the server confirms what was never fetched and the 304 on the
second run."""

import json
import os
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import gpalert_harness as h  # noqa: E402


class FaultServer:
    def __init__(self):
        self.proc = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "..", "support", "fault_http_server.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def stats(self):
        with urllib.request.urlopen(self.url("/stats"), timeout=10) as r:
            return json.load(r)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


class FetchFaultsTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.server = FaultServer()

    def tearDown(self):
        self.server.close()
        super().tearDown()

    def test_each_fault_is_reported_in_words_and_the_run_is_not_held_up(self):
        f = self.server
        refusing = h.free_port()  # nothing listens there
        sources = {
            "Good": f.url("/feed"),
            "Broken": f.url("/status/500"),
            "Loop": f.url("/loop/a"),
            "Stalled": f.url("/stall"),
            "Bomb": f.url("/bomb"),
            "Refused": f"http://127.0.0.1:{refusing}/feed",
            "Private": f.url("/private/x"),
            "Sneaky": f.url("/redirect?to=" + f.url("/feed", host="127.0.0.2")),
        }
        self.g.write_config(sources=[{"name": n, "url": u} for n, u in sources.items()],
                            subscribers=[], extra_daemon='max_body = "1MB"')
        started = time.monotonic()
        proc = self.g.once()
        self.assertLess(time.monotonic() - started, 30, "a stalled source held up the run")
        self.assertIn("polled 8 source(s), 7 failed", proc.stdout)

        lines = {line.split(" | ")[0]: line for line in self.g.sources().splitlines()}
        expected = {
            "Good": "200 OK",
            "Broken": "HTTP 500 Internal Server Error",
            "Loop": "redirect loop: ",
            "Stalled": "timed out after 5 s",
            "Bomb": "body over 1 MB limit",
            "Refused": "connection refused",
            "Private": "robots.txt disallows /private/",
            "Sneaky": "refused to connect to 127.0.0.2 (loopback address)",
        }
        for name, words in expected.items():
            self.assertIn(words, lines[name], name)

        stats = f.stats()
        self.assertNotIn("/private/x", stats["hits"])
        self.assertEqual(stats["hits"]["/robots.txt"], 1)

        # Second run: the good feed is asked conditionally and answers 304.
        self.g.once()
        self.assertEqual(f.stats()["not_modified"], 1)
        lines = {line.split(" | ")[0]: line for line in self.g.sources().splitlines()}
        self.assertIn("304 not modified", lines["Good"])
        self.assertIn("failures: 0", lines["Good"])


if __name__ == "__main__":
    h.main()
