"""One article, one alert, however many URLs and page templates it appears under.

A programme's feed (fetch_full) and a series' listing page (type = "page") on one site,
each page in its own template (two chromes), share five articles under different URLs:
the series' `url` parameter in the other case, another script name, an appended "first
published in" note, a changed title, a light edit. Each also has five articles of its
own in its template. One digest lists 15 entries, the shared five once each with "also
in" and the sources' public names; a second run sends nothing; a copy that turns up
after its article was mailed is not mailed again; an article edited in place is not
re-alerted; `gpalert sources --merges` says what was merged and why."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

PROGRAMME_CHROME = ("""<!doctype html><html><head><meta charset="utf-8"><title>{title} | Global
Politics</title></head><body><header><nav><a href="/">Home</a> <a href="/gp/">Global
Politics</a> <a href="/about">About</a> <a href="/contact">Contact</a></nav><p>National
Institute of Advanced Studies, Indian Institute of Science Campus, Bangalore. To subscribe
to GP alerts send an email to alerts@example.org</p></header><main><article><h1>{title}</h1>
<p class="byline">{author}</p>{body}</article></main><aside><h2>Recent commentaries</h2>
<ul><li><a href="/x1">Africa This Week</a></li><li><a href="/x2">Europe Monitor</a></li>
<li><a href="/x3">The Strategic Space</a></li></ul></aside><footer><p>Copyright NIAS
Global Politics programme. All rights reserved.</p></footer></body></html>""")

SERIES_CHROME = ("""<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
</head><body><div id="top"><div class="banner">Pakistan Reader, a weekly series</div>
<ul class="menu"><li><a href="/cir/">Conflict Weekly</a></li><li><a href="/cir/pr">Pakistan
Reader</a></li><li><a href="/cir/archive">Archive</a></li></ul></div><div id="content">
<div class="story"><h2 class="headline">{title}</h2><div class="meta">{author} | December
2021</div>{body}</div><div class="share">Print Bookmark Share on Facebook Share on X</div>
</div><div id="side"><h3>Also in this series</h3><p>Pakistan and the Gulf remittances</p>
<p>The TTP and the tribal districts</p></div><div id="bottom">Pakistan Reader is published
by the Global Politics programme.</div></body></html>""")


def title_of(k):
    return f"Commentary number {k}: {h.prose(f'title{k}', 6)}"


def body_of(k):
    return h.prose_paragraphs(f"article{k}", paragraphs=5, words=60)


class NearDuplicatesTest(h.IntegrationCase):
    def page(self, path, chrome, k, title=None, body=None):
        self.site.set(path, chrome.format(title=title or title_of(k), author=f"Author {k}",
                                          body=body or body_of(k)))

    def setUp(self):
        super().setUp()
        feed_items, listing_links = [], []
        # The programme's own URLs (its feed links them; its pages use its template).
        for k in list(range(5)) + list(range(5, 10)):
            path = f"/view_articles.php?recordNo={k}&url=Pakistan-Reader"
            self.page(path, PROGRAMME_CHROME, k)
            feed_items.append({"title": title_of(k), "link": self.site.url(path),
                               "guid": f"gp-{k}", "date": h.ago(hours=2), "summary": "A note."})
        self.publish_feed("/gp/feed.xml", feed_items)
        # The series' copies of the shared five, each a different kind of copy.
        note = ("<p>*Note: The note was first published in the Pakistan Reader on 6 December "
                "2021, and is republished here.</p>")
        edited = body_of(4).replace("<p>", "<p>In a changed opening sentence the analyst "
                                    "says more. ", 1)
        copies = [
            # The same page: the series' name in `url` spelt in lower case.
            ("/view_articles.php?url=pakistan-reader&recordNo=0", PROGRAMME_CHROME, 0, None,
             None),
            ("/view_cir_articles.php?recordNo=1&url=Pakistan-Reader", SERIES_CHROME, 1, None,
             None),
            ("/view_cir_articles.php?recordNo=2&url=Pakistan-Reader", SERIES_CHROME, 2, None,
             body_of(2) + note),
            ("/view_cir_articles.php?recordNo=3&url=Pakistan-Reader", SERIES_CHROME, 3,
             "Analysis: " + title_of(3), None),
            ("/view_cir_articles.php?recordNo=4&url=Pakistan-Reader", SERIES_CHROME, 4, None,
             edited),
        ]
        for path, chrome, k, title, body in copies:
            if chrome is SERIES_CHROME:
                self.page(path, chrome, k, title, body)
            listing_links.append((path, title or title_of(k)))
        for k in range(10, 15):
            path = f"/view_cir_articles.php?recordNo={k}&url=Pakistan-Reader"
            self.page(path, SERIES_CHROME, k)
            listing_links.append((path, title_of(k)))
        self.listing_links = listing_links
        self.publish_listing()

    def publish_listing(self):
        blocks = "".join(
            f'<div class="cwa"><span>December 2021 | CWA # {1200 + i}</span><p>Author</p>'
            f'<p><a href="{path}">{title}</a></p></div>\n'
            for i, (path, title) in enumerate(self.listing_links))
        self.site.set("/cir/index.html",
                      f"<html><body><h1>Pakistan Reader</h1>{blocks}</body></html>")

    def configure(self):
        canonical = ['canonical.ignore_case = ["url"]']
        self.g.write_config(
            sources=[{"name": "gp-feed", "url": self.site.url("/gp/feed.xml"), "fetch_full": True,
                      "display_name": "Global Politics", "extra": canonical},
                     {"name": "pr-listing", "url": self.site.url("/cir/index.html"),
                      "type": "page", "display_name": "Pakistan Reader", "extra": canonical}],
            subscribers=[{"email": "reader@example.org"}], backfill="520w")

    def test_shared_articles_are_alerted_once_with_also_in(self):
        self.configure()
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        text = " ".join(h.text_part(messages[0]).split())
        for k in range(15):
            self.assertEqual(text.count(title_of(k)), 1, f"article {k}: {text}")
        self.assertEqual(text.count("also in"), 5, text)
        self.assertIn("Global Politics", text)
        self.assertIn("Pakistan Reader", text)
        self.assertNotIn("gp-feed", text, "readers see display names")
        self.assertNotIn("pr-listing", text)

        # The store says what was merged and why: the lower-case `url` is the same page
        # (its canonical URL), the four others are copies of the text.
        merges = json.loads(self.g.run("sources", "--json", "--merges", "20").stdout)["merges"]
        self.assertEqual(len(merges), 4, merges)
        self.assertTrue(all(m["rule"] in ("near-duplicate", "content-hash") for m in merges))
        self.assertTrue(all("view_cir_articles.php" in m["url"] or
                            "view_articles.php" in m["url"] for m in merges))
        by_rule = {m["rule"] for m in merges}
        self.assertIn("near-duplicate", by_rule)
        lines = self.g.run("sources", "--merges", "20").stdout
        self.assertIn("merged: ", lines)
        # One article's merges alone ("I never got X": what became of X).
        one = merges[0]["article_id"]
        alone = json.loads(self.g.run("sources", "--json", "--article", str(one)).stdout)
        self.assertEqual([m["article_id"] for m in alone["merges"]], [one])
        self.assertEqual(alone["merges"][0]["url"], merges[0]["url"])

        # Nothing new: nothing sent, no page fetched again.
        fetched = len(self.site.requests)
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 1)
        self.assertEqual(
            sum(1 for p in self.site.requests[fetched:] if "articles.php" in p), 0,
            "known pages and merged copies are not fetched again")

        # A copy of an article already mailed turns up in the series (another script, a
        # note appended): it is not mailed again. An article edited in place (the
        # programme's page 6) is not re-alerted either.
        copy = "/view_cir_articles.php?recordNo=5&url=Pakistan-Reader"
        self.page(copy, SERIES_CHROME, 5, body=body_of(5) + "<p>*Note: first published in "
                  "the Global Politics programme's commentaries.</p>")
        self.listing_links.insert(0, (copy, title_of(5)))
        self.publish_listing()
        self.page("/view_articles.php?recordNo=6&url=Pakistan-Reader", PROGRAMME_CHROME, 6,
                  body=body_of(6).replace("<p>", "<p>Updated. ", 1))
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 1)
        listing = [line for line in self.g.sources().splitlines()
                   if line.startswith("pr-listing |")]
        self.assertEqual(len(listing), 1)
        self.assertIn("200 OK, 0 new, 1 already stored under another URL", listing[0])

    def one_digest_listing_each_once(self, articles):
        """Polls once; the one digest's text, which lists each of `articles` once."""
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        text = " ".join(h.text_part(messages[0]).split())
        for k in articles:
            self.assertEqual(text.count(title_of(k)), 1, f"article {k}: {text}")
        return text

    def test_different_articles_in_one_template_are_never_merged(self):
        # Ten short notes in the series' heavy chrome, one listing: ten entries.
        self.listing_links = []
        for k in range(20, 30):
            path = f"/view_cir_articles.php?recordNo={k}&url=Pakistan-Reader"
            self.page(path, SERIES_CHROME, k,
                      body=h.prose_paragraphs(f"short{k}", paragraphs=1, words=70))
            self.listing_links.append((path, title_of(k)))
        self.publish_listing()
        self.g.write_config(
            sources=[{"name": "pr-listing", "url": self.site.url("/cir/index.html"),
                      "type": "page"}],
            subscribers=[{"email": "reader@example.org"}], backfill="520w")
        text = self.one_digest_listing_each_once(range(20, 30))
        merges = json.loads(self.g.run("sources", "--json", "--merges", "20").stdout)["merges"]
        self.assertEqual(merges, [])

    def test_two_sources_notes_that_share_a_stock_paragraph_stay_two(self):
        # Short notes in two sources and two templates, each ending in the publisher's
        # same long disclaimer (over half of each note's text): every note is alerted.
        disclaimer = ("<p>" + h.prose("disclaimer", 90) + "</p>")
        self.listing_links = []
        feed_items = []
        for k in range(30, 34):
            path = f"/view_articles.php?recordNo={k}&url=Global-Politics"
            self.page(path, PROGRAMME_CHROME, k,
                      body=h.prose_paragraphs(f"stock{k}", paragraphs=1, words=60) + disclaimer)
            feed_items.append({"title": title_of(k), "link": self.site.url(path),
                               "guid": f"gp-{k}", "date": h.ago(hours=2), "summary": "A note."})
        for k in range(34, 38):
            path = f"/view_cir_articles.php?recordNo={k}&url=Pakistan-Reader"
            self.page(path, SERIES_CHROME, k,
                      body=h.prose_paragraphs(f"stock{k}", paragraphs=1, words=60) + disclaimer)
            self.listing_links.append((path, title_of(k)))
        self.publish_feed("/gp/feed.xml", feed_items)
        self.publish_listing()
        self.configure()
        text = self.one_digest_listing_each_once(range(30, 38))
        self.assertNotIn("also in", text)


if __name__ == "__main__":
    h.main()
