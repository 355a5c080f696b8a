"""Sources without feeds, end to end: a `type = "page"` listing in the style of the
first users' site (the demo site in examples/site) → its article pages fetched and
extracted → a digest with the extracted titles, bylines and standfirsts. The same
articles in the series' feed and listing are alerted once; known pages are not fetched
again; a new listing entry brings exactly one more digest."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

ARTICLES = {
    "/pakistan-reader/deepening-pakistan-russia-ties.html":
        ("Deepening Pakistan-Russia ties", "Abigail Miriam Fernandez",
         "growing convergence in Pakistan-Russia relations"),
    "/pakistan-reader/the-ttp-ceasefire-ends.html":
        ("The TTP ceasefire ends", "Sneha Bhatia", "without a settlement"),
    "/pakistan-reader/imf-sixth-review.html":
        ("Pakistan and the IMF: the sixth review", "Ayesha Farooq", "independent central bank"),
}


class PageSourceTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.site.serve_dir(os.path.join(h.REPO, "examples", "site"))
        self.listing = self.site.url("/pakistan-reader/index.html")

    def configure(self, sources):
        # The demo site's articles are from 2021: a wide backfill alerts them.
        self.g.write_config(sources=sources, subscribers=[{"email": "reader@example.org"}],
                            backfill="520w")

    def test_listing_page_digest_has_extracted_titles_and_bylines(self):
        self.configure([{"name": "Pakistan Reader", "url": self.listing, "type": "page"}])
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        text = " ".join(h.text_part(messages[0]).split())  # the text part wraps lines
        for path, (title, byline, lead) in ARTICLES.items():
            self.assertEqual(text.count(title), 1, text)
            self.assertIn(byline, text)
            self.assertIn(lead, text)
            self.assertEqual(self.site.count(path), 1)
        self.assertNotIn("subscribe to GP alerts", text, "page chrome stays out of the digest")

        # Known pages are not fetched again; nothing new, nothing sent.
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 1)
        for path in ARTICLES:
            self.assertEqual(self.site.count(path), 1, path)

        # A new entry on the listing: one fetch, one more digest with only it.
        listing = open(os.path.join(h.REPO, "examples/site/pakistan-reader/index.html")).read()
        block = ('<div class="cwa"><span class="meta">December 2021 | CWA # 1260</span>'
                 '<p class="by">Rishma Banerjee</p><p class="title">'
                 '<a href="new-piece.html">Pakistan and the Gulf remittances</a></p></div>')
        listing = listing.replace('<div id="listing">', '<div id="listing">\n' + block)
        self.site.set("/pakistan-reader/index.html", listing)
        article = open(os.path.join(
            h.REPO, "examples/site/pakistan-reader/imf-sixth-review.html")).read()
        article = (article.replace("Pakistan and the IMF: the sixth review", "Pakistan and the Gulf remittances")
                   .replace("Ayesha Farooq", "Rishma Banerjee")
                   .replace("25 November 2021", "8 December 2021"))
        # Another article's own text (the same body under a new title would be a
        # near-duplicate of the IMF piece, and merged with it).
        body_start = article.index("<p>After weeks of talks")
        body_end = article.index("</p>", article.index("<p>The conditions")) + 4
        article = (article[:body_start] + h.prose_paragraphs("remittances", 6)
                   + article[body_end:])
        self.site.set("/pakistan-reader/new-piece.html", article)
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 2)
        text = h.text_part(messages[-1])
        self.assertIn("Pakistan and the Gulf remittances", text)
        self.assertIn("Rishma Banerjee", text)
        self.assertNotIn("Deepening Pakistan-Russia ties", text)
        self.assertEqual(self.site.count("/pakistan-reader/new-piece.html"), 1)

    def test_feed_and_listing_of_the_same_series_alert_each_article_once(self):
        self.configure([
            {"name": "Pakistan Reader (feed)", "url": self.site.url("/pakistan-reader/feed.xml")},
            {"name": "Pakistan Reader (listing)", "url": self.listing, "type": "page"}])
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        text = h.text_part(messages[0])
        for title, _, _ in ARTICLES.values():
            self.assertEqual(text.count(title), 1, text)

    def test_fetch_full_feed_shows_the_extracted_standfirst(self):
        self.configure([{"name": "Pakistan Reader",
                         "url": self.site.url("/pakistan-reader/feed.xml"), "fetch_full": True}])
        self.g.once()
        text = h.text_part(self.g.maildir_messages()[0])
        self.assertIn("Abigail Miriam Fernandez", text)
        for path in ARTICLES:
            self.assertEqual(self.site.count(path), 1, path)

    def test_the_demo_config_mails_the_series(self):
        # What scripts/demo does, minus install and build: the example config with the
        # site's port, no SMTP, the digest in the Maildir.
        config = open(os.path.join(h.REPO, "examples", "gpalert.toml")).read()
        config = config.replace("http://127.0.0.1:8000/", self.site.url("/"))
        config = re.sub(r'(?m)^state_dir\s*=.*$', f'state_dir = "{self.g.state}"', config)
        with open(self.g.config, "w") as f:
            f.write(config)
        proc = self.g.once()
        self.assertIn("digest(s) queued", proc.stdout)
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        text = h.text_part(messages[0])
        for title, _, _ in ARTICLES.values():
            self.assertIn(title, text)


if __name__ == "__main__":
    h.main()
