#!/usr/bin/python3
"""`gpalert feed` end to end: JSON on stdout, exit codes, and hostile files handled
by the real binary with bounded memory (a 100 MB feed, XXE, billion laughs).

Run: /usr/bin/python3 feed_command_test.py --gpalert build/gpalert
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "data", "feeds")
GPALERT = None
KEYS = ["format", "encoding", "title", "link", "description", "language", "updated",
        "author", "entries", "warnings"]


def run(*args, timeout=60):
    return subprocess.run([GPALERT, "feed", *args], capture_output=True, timeout=timeout)


class FeedCommandTest(unittest.TestCase):
    def test_prints_the_contract_object_for_a_feed(self):
        r = run("--url", "http://example.com/feed", "--header", "Content-Type: application/rss+xml",
                os.path.join(FIXTURES, "rss", "rss20_item.xml"))
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(list(out.keys()), KEYS)
        self.assertEqual(out["format"], "rss2.0")
        self.assertEqual(out["entries"][0]["link"], "http://example.com/1")

    def test_headers_set_charset_base_and_language(self):
        r = run("--url", "http://127.0.0.1/x", "--header", "content-type: text/xml; charset=windows-1252",
                "--header", "Content-Location: http://example.org/base/",
                "--header", "Content-Language: de",
                os.path.join(FIXTURES, "encoding", "header_overrides_declaration.xml"))
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["encoding"], "windows-1252")
        self.assertEqual(out["language"], "de")

    def test_ill_formed_input_still_exits_zero_with_warnings(self):
        r = run(os.path.join(FIXTURES, "illformed", "unclosed_tags.xml"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(json.loads(r.stdout)["warnings"])

    def test_unreadable_file_is_bad_usage(self):
        r = run("/nonexistent/feed.xml")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"/nonexistent/feed.xml", r.stderr)
        self.assertEqual(r.stdout, b"")

    def test_missing_file_argument_and_bad_header_are_bad_usage(self):
        self.assertEqual(run().returncode, 2)
        r = run("--header", "no colon here", os.path.join(FIXTURES, "lang", "no_language.xml"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"Name: value", r.stderr)

    def test_help_exits_zero(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn(b"--url", r.stdout)


class FeedCommandAttackTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_a_100_mb_feed_ends_with_a_warning_and_bounded_memory(self):
        item = (b"<item><title>t</title><description>&lt;p&gt;x&lt;/p&gt;</description></item>\n")
        path = os.path.join(self.dir.name, "huge.xml")
        with open(path, "wb") as f:
            f.write(b'<rss version="2.0"><channel>')
            chunk = item * 10000
            written = 0
            while written < 100 * 1024 * 1024:
                f.write(chunk)
                written += len(chunk)
            f.write(b"</channel></rss>")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        r = run(path, timeout=120)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertIsNone(out["format"])
        self.assertTrue(any("limit" in w for w in out["warnings"]))
        # Peak resident memory of the children so far: the command keeps at most the
        # capped prefix (64 MiB) in memory and never builds a tree for it.
        self.assertLess(max(before, peak_kb), 200 * 1024)

    def test_external_entity_to_etc_hostname_is_not_read(self):
        try:
            with open("/etc/hostname") as f:
                secret = f.read().strip()
        except OSError:
            secret = ""
        path = self.write("xxe.xml", b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM '
                          b'"file:///etc/hostname">]><rss version="2.0"><channel>'
                          b"<title>a&xxe;b</title></channel></rss>")
        r = run(path)
        self.assertEqual(r.returncode, 0, r.stderr)
        title = json.loads(r.stdout)["title"]
        if secret:
            self.assertNotIn(secret, title)

    def test_billion_laughs_output_stays_small(self):
        decls = b'<!ENTITY l0 "lol">'
        for i in range(1, 10):
            decls += b'<!ENTITY l%d "%s">' % (i, b"".join(b"&l%d;" % (i - 1) for _ in range(10)))
        path = self.write("laughs.xml", b"<!DOCTYPE rss [" + decls + b"]><rss version=\"2.0\">"
                          b"<channel><title>&l9;</title></channel></rss>")
        r = run(path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertLess(len(r.stdout), 10000)
        self.assertTrue(json.loads(r.stdout)["warnings"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpalert", required=True)
    args, rest = parser.parse_known_args()
    GPALERT = os.path.abspath(args.gpalert)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
