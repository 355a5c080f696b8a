#!/usr/bin/python3
"""`gpalert extract` end to end: files and http URLs (a real http.server on loopback),
several inputs in one process, hostile pages, and the exit codes for bad input.

Run: /usr/bin/python3 extract_cli_test.py --gpalert build/gpalert
"""
import argparse
import functools
import http.server
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

GPALERT = None
PAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "pages")


def run(*args, timeout=20):
    return subprocess.run([GPALERT, "extract", *args], capture_output=True, timeout=timeout)


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def guess_type(self, path):
        if path.endswith("news_jsonld.html"):
            return "text/html; charset=windows-1252"
        return "text/html"


class ExtractCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="gpalert-extract-")
        for name in os.listdir(PAGES):
            shutil.copy(os.path.join(PAGES, name), cls.tmp)
        handler = functools.partial(Handler, directory=cls.tmp)
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        cls.port = cls.server.server_address[1]
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        shutil.rmtree(cls.tmp)

    def url(self, name):
        return f"http://127.0.0.1:{self.port}/{name}"

    def test_prints_the_contract_fields_for_a_file(self):
        r = run("--url", "https://www.example.org/view_articles.php?url=Pakistan-Reader&recordNo=1251",
                os.path.join(PAGES, "pakistan_reader.html"))
        self.assertEqual(r.returncode, 0, r.stderr)
        obj = json.loads(r.stdout)
        self.assertEqual(list(obj), ["url", "title", "byline", "published", "lead", "text", "html",
                                     "references", "lang", "site_name"])
        self.assertEqual(obj["title"], "Deepening Pakistan-Russia ties")
        self.assertEqual(obj["byline"], "Abigail Miriam Fernandez")
        self.assertEqual(obj["published"], "2021-12-06T00:00:00Z")
        self.assertEqual(len(obj["references"]), 4)
        self.assertIsNone(obj["site_name"])  # absent is null, not omitted
        self.assertNotIn("CWA #", obj["text"])

    def test_fetches_http_urls_and_uses_the_response_charset(self):
        r = run(self.url("news_jsonld.html"))
        self.assertEqual(r.returncode, 0, r.stderr)
        obj = json.loads(r.stdout)
        self.assertEqual(obj["url"], self.url("news_jsonld.html"))
        self.assertEqual(obj["title"], "Monsoon floods displace thousands in Sindh")
        self.assertIn("vegetables \u2013 onions", obj["text"])

    def test_several_inputs_give_one_object_per_line_in_order(self):
        names = ["blog_comments.html", "pakistan_reader.html", "news_jsonld.html"]
        r = run(*[os.path.join(PAGES, n) for n in names[:2]], self.url(names[2]))
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.decode().splitlines()
        self.assertEqual(len(lines), 3)
        titles = [json.loads(line)["title"] for line in lines]
        self.assertEqual(titles, ["Notes from a field trip to Gwadar", "Deepening Pakistan-Russia ties",
                                  "Monsoon floods displace thousands in Sindh"])

    def test_reads_a_page_from_a_pipe(self):
        with open(os.path.join(PAGES, "blog_comments.html"), "rb") as f:
            r = subprocess.run([GPALERT, "extract", "/dev/stdin"], stdin=f, capture_output=True,
                               timeout=20)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["byline"], "Hina Malik")

    def test_explain_says_why_each_block_was_kept_or_dropped(self):
        r = run("--explain", os.path.join(PAGES, "blog_comments.html"),
                self.url("chrome_related.html"))
        self.assertEqual(r.returncode, 0, r.stderr)
        out = r.stdout.decode()
        self.assertEqual(out.count("\ncontainer: "), 2, out)
        self.assertIn("title:     Notes from a field trip to Gwadar", out)
        self.assertRegex(out, r'KEPT +<p> "I spent four days in Gwadar.*- in the container')
        self.assertRegex(out, r'DROPPED +<div id="comments" class="comments-area">.*'
                              r'scan: unlikely class/id "comments-area comments"')
        self.assertRegex(out, r'DROPPED +<p> "Lesen Sie auch.*chrome phrase class "related"')
        self.assertNotIn('"text":', out, "text, not JSON")
        help_text = subprocess.run([GPALERT, "help", "extract"], capture_output=True,
                                   timeout=20).stdout.decode()
        self.assertIn("--explain", help_text)

    def test_missing_file_is_bad_input(self):
        r = run(os.path.join(self.tmp, "no-such-page.html"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"no-such-page.html", r.stderr)

    def test_http_error_is_a_runtime_failure(self):
        r = run(self.url("missing.html"))
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"404", r.stderr)

    def test_bad_header_and_no_input_are_usage_errors(self):
        self.assertEqual(run("--header", "no colon", os.path.join(PAGES, "blog_comments.html")).returncode, 2)
        self.assertEqual(run().returncode, 2)

    def test_hostile_pages_end_with_json_or_a_clear_error(self):
        rnd = random.Random(7)
        cases = {
            "deep.html": "<body>" + "<div>" * 100000 + "x" + "</div>" * 100000,
            "spans.html": "<body>" + "<span>" * 20000 + "x",
            "bp.html": "<body>" + "<b><p>x" * 20000,
            "attrs.html": "<body><div " + " ".join(f'a{i}="v"' for i in range(30000)) + ">x</div>",
            "big.html": "<body><article>" + ("<p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>\n") * 18000,
        }
        for name, text in cases.items():
            with open(os.path.join(self.tmp, name), "w") as f:
                f.write(text)
        with open(os.path.join(self.tmp, "random.bin"), "wb") as f:
            f.write(bytes(rnd.getrandbits(8) for _ in range(1 << 20)))
        for name in list(cases) + ["random.bin"]:
            with self.subTest(page=name):
                r = run(os.path.join(self.tmp, name), timeout=30)
                self.assertIn(r.returncode, (0, 2), r.stderr)
                if r.returncode == 0:
                    json.loads(r.stdout)
                else:
                    self.assertTrue(r.stderr.strip())


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--gpalert", required=True)
    args, rest = ap.parse_known_args()
    GPALERT = os.path.abspath(args.gpalert)
    unittest.main(argv=[sys.argv[0]] + rest)
