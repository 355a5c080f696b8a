"""Full-text digests end to end: subscribers with content = "summary", "lead" and "full"
get the same articles, from a `type = "page"` listing and from a feed with
`fetch_full = true`, in one `gpalert run --once` into the Maildir. The full-text
digest carries the extracted article (sanitised HTML with images as links, wrapped
text); past [mail] max_full_text_size later entries show their summary and a
"continue reading" link; the stored bodies survive between the poll and the digest."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

SITE = os.path.join(h.REPO, "examples", "site")
ARTICLE = "/pakistan-reader/deepening-pakistan-russia-ties.html"
STANDFIRST = "The recent NSA-level talks highlight the growing convergence in Pakistan-Russia relations"
BODY_SENTENCE = "Russia's search for defence markets in South Asia is the third"
SUBSCRIBERS = [{"email": "summary@example.org"},
               {"email": "lead@example.org", "content": "lead"},
               {"email": "full@example.org", "content": "full"}]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def flat(text):
    return " ".join(text.split())  # the text part wraps lines


class FullTextDigestTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.site.serve_dir(SITE)
        # One article with pictures: a relative one and a tracking pixel-like absolute one.
        page = read(os.path.join(SITE, ARTICLE.lstrip("/")))
        page = page.replace(
            "<h3>The recent warming of ties</h3>",
            '<figure><img src="img/moscow-talks.jpg" alt="The delegations in Moscow">'
            "<figcaption>The delegations in Moscow</figcaption></figure>"
            '<script>document.write("tracker")</script>'
            "<h3>The recent warming of ties</h3>")
        self.site.set(ARTICLE, page, content_type="text/html; charset=utf-8")

    def by_recipient(self):
        out = {}
        for m in self.g.maildir_messages():
            out.setdefault(m["To"].addresses[0].addr_spec, []).append(m)
        return out

    def test_each_content_mode_from_a_page_source(self):
        self.g.write_config(
            sources=[{"name": "Pakistan Reader",
                      "url": self.site.url("/pakistan-reader/index.html"), "type": "page"}],
            subscribers=SUBSCRIBERS, backfill="520w")
        self.g.once()
        mail = self.by_recipient()
        self.assertEqual(sorted(mail), ["full@example.org", "lead@example.org",
                                        "summary@example.org"])
        for messages in mail.values():
            self.assertEqual(len(messages), 1)

        summary = flat(h.text_part(mail["summary@example.org"][0]))
        self.assertIn("Deepening Pakistan-Russia ties", summary)
        self.assertNotIn(BODY_SENTENCE, summary)

        lead = flat(h.text_part(mail["lead@example.org"][0]))
        self.assertIn(STANDFIRST, lead)
        self.assertNotIn(BODY_SENTENCE, lead)

        full_msg = mail["full@example.org"][0]
        text = h.text_part(full_msg)
        self.assertIn(BODY_SENTENCE, flat(text))
        self.assertIn("What drives it", text)
        self.assertNotIn("Continue reading", text)
        for line in text.splitlines():
            if "://" not in line and "mailto:" not in line:  # links are never broken
                self.assertLessEqual(len(line), 72, f"unwrapped line: {line!r}")
        html = full_msg.get_body(preferencelist=("html",)).get_content()
        self.assertIn("the first visit by a Russian foreign minister in nine years", html)
        self.assertIn("<h3>What drives it</h3>", html)
        self.assertNotIn("<img", html, "images are links, never inline")
        self.assertIn('<a href="' + self.site.url("/pakistan-reader/img/moscow-talks.jpg") +
                      '">[Image: The delegations in Moscow]</a>', html)
        self.assertNotIn("<script", html)
        self.assertNotIn("tracker", html)
        self.assertNotIn("subscribe to GP alerts", html, "page chrome stays out")
        # All three articles came in full; each page was fetched once for everyone.
        for title in ("The TTP ceasefire ends", "Pakistan and the IMF: the sixth review"):
            self.assertIn(title, text)
        self.assertEqual(self.site.count(ARTICLE), 1)
        self.assertEqual(self.site.count("/pakistan-reader/img/moscow-talks.jpg"), 0,
                         "the digest never fetches images")

    def test_full_text_from_a_feed_with_fetch_full_and_the_size_cap(self):
        self.g.write_config(
            sources=[{"name": "Pakistan Reader", "fetch_full": True,
                      "url": self.site.url("/pakistan-reader/feed.xml")},
                     {"name": "Feed only", "url": self.site.url("/other/feed.xml")}],
            subscribers=[{"email": "full@example.org", "content": "full"}], backfill="520w",
            extra_mail='max_full_text_size = "4KB"')
        feed = read(os.path.join(SITE, "pakistan-reader", "feed.xml"))
        other = (feed.replace("<link>", "<link>" + self.site.url("/pakistan-reader/"))
                 .replace("pakistan-reader-12", "other-12")
                 .replace(".html</link>", ".html?copy=feed-only</link>")
                 .replace("Deepening", "Feed-only Deepening")
                 .replace("The TTP", "Feed-only TTP")
                 .replace("Pakistan and the IMF", "Feed-only IMF"))
        self.site.set("/other/feed.xml", other, content_type="application/rss+xml")
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        text = h.text_part(messages[0])
        flat_text = flat(text)
        # Within the 4 KB cap the first articles of the digest come in full; from the
        # first that does not fit on, the entries of the feed with pages show their
        # summary and a link to read on. (Pages are fetched in parallel, so the order
        # of the three varies.)
        pages = {"deepening-pakistan-russia-ties": BODY_SENTENCE,
                 "the-ttp-ceasefire-ends": "Attacks in Khyber Pakhtunkhwa have not stopped",
                 "imf-sixth-review": "unlocking about a billion dollars"}
        verdicts = []
        group = text[:text.index("Feed only (3)")]
        for entry in group.split("\n* ")[1:]:
            slug = next(s for s in pages if f"/pakistan-reader/{s}.html" in entry)
            full = pages[slug] in flat(entry)
            cont = "Continue reading: " + self.site.url(f"/pakistan-reader/{slug}.html") in entry
            self.assertNotEqual(full, cont, entry)
            verdicts.append(full)
        self.assertEqual(len(verdicts), 3, group)
        self.assertIn(True, verdicts, "the first article fits")
        self.assertIn(False, verdicts, "4 KB cannot hold all three")
        self.assertEqual(verdicts, sorted(verdicts, reverse=True), "full texts come first")
        self.assertEqual(text.count("Continue reading: "), verdicts.count(False))
        # The feed without fetch_full has no pages: its entries show their summaries.
        self.assertIn("Feed-only TTP", text)
        html = messages[0].get_body(preferencelist=("html",)).get_content()
        self.assertEqual(html.count(">Continue reading &#8594;</a>"), verdicts.count(False), html)


if __name__ == "__main__":
    h.main()
