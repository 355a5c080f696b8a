"""Issue 9: a digest the mail server refuses as too big (552 5.3.4) was parked, and the
deliveries of every article in it stayed recorded, so the reader never got them. Now the
message is released, its articles drafted again in smaller parts (below half the refused
size) and sent in the same run; every article reaches the reader exactly once."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class DigestSizeTest(h.IntegrationCase):
    def test_a_size_refusal_splits_the_digest_and_every_article_arrives_once(self):
        sink = self.sink(max_bytes=48 * 1024)
        s = self.site
        items = [{"title": f"Article number {i}", "link": s.url(f"/a/{i}.html"), "guid": f"g{i}",
                  "date": h.ago(hours=1), "summary": "words " * 80} for i in range(150)]
        self.publish_feed("/feed.xml", items)
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}], smtp=sink.url)
        proc = self.g.once()
        self.assertGreater(sink.refused_too_big, 0)  # the first, whole digest was refused
        self.assertIn("0 parked", proc.stdout)
        seen = []
        for msg in sink.parsed():
            seen += re.findall(r"\* Article number (\d+)", h.text_part(msg))
        self.assertEqual(sorted(int(n) for n in seen), list(range(150)))  # each exactly once
        listing = self.g.sources()
        self.assertIn("0 pending", listing)
        self.assertIn("0 parked", listing)


if __name__ == "__main__":
    h.main()
