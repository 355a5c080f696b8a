"""Issue 9: one rule for internal hosts. A source on the admin's own network may be
fetched, and so may the pages of its own origin (scheme, host, port) that its items
link to; another internal origin is refused, through an item link exactly as through
a redirect. Before, a feed on 127.0.0.1:A could make gpalert fetch 127.0.0.1:B through
an item link (and that page's text reached the digest)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{text} This paragraph is long enough to be the article body, with commas, clauses,
and the words a reader came for, so that the extractor keeps it as the text.</p>
</article></body></html>"""


class InternalOriginTest(h.IntegrationCase):
    def test_item_links_and_redirects_may_reach_the_sources_own_origin_only(self):
        a = self.site
        b = h.Site()
        self.addCleanup(b.close)
        a.set("/own.html", PAGE.format(title="Own page", text="OWN-ORIGIN-TEXT"))
        b.set("/secret.html", PAGE.format(title="Secret", text="OTHER-ORIGIN-SECRET"))
        b.set("/target.xml", "x", content_type="application/rss+xml")
        a.set("/moved.xml", "", status=302, headers={"Location": b.url("/target.xml")})
        self.publish_feed("/feed.xml", [
            {"title": "Own", "link": a.url("/own.html"), "guid": "own", "date": h.ago(hours=1)},
            {"title": "Elsewhere", "link": b.url("/secret.html"), "guid": "other",
             "date": h.ago(hours=1)}])
        self.g.write_config(
            sources=[{"name": "Feed", "url": a.url("/feed.xml"), "fetch_full": True},
                     {"name": "Moved", "url": a.url("/moved.xml")}],
            subscribers=[{"email": "r@example.org"}])
        self.g.once()

        self.assertEqual(a.count("/own.html"), 1)
        self.assertEqual(b.count("/secret.html"), 0)  # the link to another origin: refused
        self.assertEqual(b.count("/target.xml"), 0)   # so is the redirect there
        [message] = self.g.maildir_messages()
        text = h.text_part(message)
        self.assertIn("Elsewhere", text)  # recorded from the feed's own fields
        self.assertNotIn("OTHER-ORIGIN-SECRET", text)
        lines = {line.split(" | ")[0]: line for line in self.g.sources().splitlines()}
        self.assertIn("refused", lines["Moved"])


if __name__ == "__main__":
    h.main()
