"""An article updated in place (same GUID and URL, changed text in the feed).

Two plain feeds (no fetch_full: the feed's summary is the text), one with
`alert_updates = true`, one without. A light edit of an item's text alerts nothing; a
change beyond the [dedup] threshold alerts the item once more, marked "updated", from the
source with alert_updates and not from the other; polling again sends nothing more.
`gpalert sources --merges` lists each change seen."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


def item(feed, k, summary):
    return {"title": f"{feed} note {k}: {h.prose(f'{feed}-title{k}', 5)}",
            "link": f"http://example.org/{feed}/{k}.html", "guid": f"{feed}-{k}",
            "date": h.ago(hours=2), "summary": summary}


class UpdatesInPlaceTest(h.IntegrationCase):
    def publish(self, feed, summaries):
        self.publish_feed(f"/{feed}.xml", [item(feed, k, s) for k, s in enumerate(summaries)])

    def test_only_changes_beyond_the_threshold_are_alerted_again_and_only_when_asked(self):
        texts = {feed: [h.prose(f"{feed}-body{k}", 120) for k in range(3)]
                 for feed in ("loud", "quiet")}
        for feed, summaries in texts.items():
            self.publish(feed, summaries)
        self.g.write_config(
            sources=[{"name": "loud", "url": self.site.url("/loud.xml"),
                      "extra": ["alert_updates = true"]},
                     {"name": "quiet", "url": self.site.url("/quiet.xml")}],
            subscribers=[{"email": "reader@example.org"}])
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        first = " ".join(h.text_part(messages[0]).split())
        self.assertEqual(first.count("note "), 6, first)
        self.assertNotIn("updated", first)

        # A light edit in both feeds (a few words changed, a sentence added): no alert.
        for feed in texts:
            texts[feed][0] = (texts[feed][0].replace("policy", "politics", 2) +
                              " A correction was added to this note later.")
            self.publish(feed, texts[feed])
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 1, "a light edit is not re-alerted")

        # Rewritten beyond the threshold in both: only the source with alert_updates
        # alerts it again, once, marked updated.
        for feed in texts:
            texts[feed][1] = h.prose(f"{feed}-rewritten", 120)
            self.publish(feed, texts[feed])
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 2)
        again = " ".join(h.text_part(messages[1]).split())
        self.assertEqual(again.count("note "), 1, again)
        self.assertIn(item("loud", 1, "")["title"], again)
        self.assertIn("updated", again)
        self.assertNotIn("quiet note", again)
        html = messages[1].get_body(preferencelist=("html",)).get_content()
        self.assertIn("updated", html)

        # Nothing changed since: nothing more.
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 2)

        updates = json.loads(self.g.run("sources", "--json", "--merges", "20").stdout)["updates"]
        seen = sorted((u["source"], u["url"].rsplit("/", 1)[1], u["beyond_threshold"],
                       u["realerted"]) for u in updates)
        self.assertEqual(seen, [("loud", "0.html", False, False), ("loud", "1.html", True, True),
                                ("quiet", "0.html", False, False),
                                ("quiet", "1.html", True, False)], updates)
        light = [u for u in updates if not u["beyond_threshold"]]
        self.assertTrue(all(u["similarity"] >= 0.5 for u in light), updates)
        lines = self.g.run("sources", "--merges", "20").stdout
        self.assertIn("updated: ", lines)
        self.assertIn("edited: ", lines)
        self.assertIn("alerted again", lines)

    def test_a_lone_article_rewritten_is_alerted_again_with_its_new_text(self):
        # The first digest held this one article alone: the re-alert is another message
        # (another Message-ID), and it shows the new title and text.
        self.publish("solo", [h.prose("solo-body", 120)])
        self.g.write_config(sources=[{"name": "solo", "url": self.site.url("/solo.xml"),
                                      "extra": ["alert_updates = true"]}],
                            subscribers=[{"email": "reader@example.org"}])
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 1)
        rewritten = item("solo", 0, h.prose("solo-rewritten", 120))
        rewritten["title"] = "Solo note: a new headline after the rewrite"
        self.publish_feed("/solo.xml", [rewritten])
        proc = self.g.once()
        self.assertNotIn("error", proc.stderr.lower(), proc.stderr)
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 2)
        self.assertNotEqual(messages[0]["Message-ID"], messages[1]["Message-ID"])
        again = " ".join(h.text_part(messages[1]).split())
        self.assertIn("a new headline after the rewrite", again)
        self.assertIn("updated", again)
        self.assertIn(" ".join(rewritten["summary"].split()[:8]), again)
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 2)


if __name__ == "__main__":
    h.main()
