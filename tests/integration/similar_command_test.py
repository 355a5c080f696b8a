"""`gpalert similar A B [C D ...]` from the CLI: one JSON line per pair, with the
daemon's extraction, fingerprint and rule; pages from files and from a URL on loopback;
a page that cannot be read gives its pair an "error" naming it; --config takes the
configured threshold; an odd count of pages is a usage error (exit 2)."""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

CHROME = ("<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
          "<body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav><main><article>"
          "<h1>{title}</h1>{body}</article></main><footer>Copyright the institute.</footer>"
          "</body></html>")


class SimilarCommandTest(h.IntegrationCase):
    def write(self, name, title, body):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(CHROME.format(title=title, body=body))
        return path

    def similar(self, *args):
        proc = subprocess.run([self.g.binary, "similar", *args], capture_output=True, text=True,
                              timeout=60)
        return proc, [json.loads(line) for line in proc.stdout.splitlines()]

    def test_pairs_scores_errors_and_the_configured_threshold(self):
        body = h.prose_paragraphs("similar-a", paragraphs=4, words=60)
        original = self.write("a.html", "Deepening ties", body)
        # A light edit: an opening sentence changed, a paragraph added.
        edited = body.replace("<p>", "<p>In a changed opening sentence the analyst says more. ",
                              1)
        noted = self.write("b.html", "Deepening ties", edited + "<p>" +
                           h.prose("similar-note", 30) + "</p>")
        other = self.write("c.html", "Another matter",
                           h.prose_paragraphs("similar-c", paragraphs=4, words=60))
        self.site.set("/copy.html", CHROME.format(title="Deepening ties", body=body))
        binary = os.path.join(self.tmp, "d.bin")
        with open(binary, "wb") as f:
            f.write(bytes(range(256)) * 8)
        missing = os.path.join(self.tmp, "missing.html")

        proc, lines = self.similar(original, noted, original, other,
                                   original, self.site.url("/copy.html"), binary, missing)
        self.assertEqual(len(lines), 4, proc.stdout + proc.stderr)
        self.assertEqual([(j["a"], j["b"]) for j in lines],
                         [(original, noted), (original, other),
                          (original, self.site.url("/copy.html")), (binary, missing)])
        self.assertTrue(lines[0]["duplicate"])
        self.assertGreater(lines[0]["similarity"], 0.9)
        self.assertFalse(lines[1]["duplicate"])
        self.assertLess(lines[1]["similarity"], 0.2)
        self.assertTrue(lines[2]["duplicate"])
        self.assertEqual(lines[2]["similarity"], 1.0)
        self.assertIn(binary, lines[3]["error"])
        self.assertIn(missing, lines[3]["error"])
        self.assertNotIn("similarity", lines[3])
        self.assertNotEqual(proc.returncode, 0, "a pair with an error fails the command")

        # The configured threshold decides: three paragraphs of four in common score
        # about 0.75, a copy at the default 0.5, not at 0.9.
        shared = h.prose_paragraphs("similar-shared", paragraphs=3, words=60)
        x = self.write("x.html", "Half and half", shared + h.prose_paragraphs("similar-x", 1, 60))
        y = self.write("y.html", "Half and half", shared + h.prose_paragraphs("similar-y", 1, 60))
        proc, lines = self.similar(x, y)
        self.assertTrue(lines[0]["duplicate"], lines)
        self.assertTrue(0.55 < lines[0]["similarity"] < 0.9, lines)
        self.g.write_config(sources=[], subscribers=[], extra="[dedup]\nthreshold = 0.9\n")
        proc, lines = self.similar("--config", self.g.config, x, y)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertFalse(lines[0]["duplicate"], lines)

        # The daemon's page limits too: a page over [daemon] max_body gets an error, not a
        # verdict on a truncated page.
        self.g.write_config(sources=[], subscribers=[], extra_daemon='max_body = "1KB"')
        proc, lines = self.similar("--config", self.g.config, x, original)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(original, lines[0]["error"])
        self.assertIn("max_body", lines[0]["error"])

        proc, lines = self.similar(original)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("pairs", proc.stderr)


if __name__ == "__main__":
    h.main()
