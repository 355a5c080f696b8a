"""The whole pipeline on real parts: two feeds on a real HTTP server, the real binary,
digests into a Maildir. Issue 2's main scenario: a cross-posted article is listed once,
an old (backfill) item is not alerted, a keyword subscriber gets only what matches, a
daily subscriber not yet due gets nothing, a second run sends nothing, and a new item
sends exactly one more digest with only that item."""

import os
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class PipelineTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        s = self.site
        self.feed_a = [
            {"title": "Pakistan budget talks stall", "link": s.url("/a/budget.html"),
             "guid": "a-1", "date": h.ago(hours=5), "author": "Ayesha Farooq"},
            {"title": "Shared: Ceasefire in the north", "link": s.url("/shared/ceasefire.html"),
             "guid": "a-2", "date": h.ago(hours=4)},
            {"title": "Old archive piece", "link": s.url("/a/old.html"), "guid": "a-old",
             "date": h.ago(days=30)},
        ]
        self.feed_b = [
            {"title": "Pakistan and Russia sign an energy deal", "link": s.url("/b/energy.html"),
             "guid": "b-1", "date": h.ago(hours=3)},
            # The same article as a-2, with tracking parameters and another scheme spelling.
            {"title": "Shared: Ceasefire in the north",
             "link": s.url("/shared/ceasefire.html?utm_source=rss&utm_medium=feed"),
             "guid": "b-2", "date": h.ago(hours=4)},
        ]
        self.publish()
        daily_at = (datetime.now(timezone.utc) + timedelta(hours=12)).strftime("%H:%M")
        self.g.write_config(
            sources=[{"name": "Feed A", "url": s.url("/a/feed.xml"), "tags": ["pakistan"]},
                     {"name": "Feed B", "url": s.url("/b/feed.xml")}],
            subscribers=[{"email": "all@example.org"},
                         {"email": "russia@example.org", "keywords": ["Russia"]},
                         {"email": "daily@example.org", "digest": "daily", "at": daily_at,
                          "timezone": "UTC"}])

    def publish(self):
        self.site.set("/a/feed.xml", h.rss("Feed A", self.feed_a), content_type="application/rss+xml")
        self.site.set("/b/feed.xml", h.rss("Feed B", self.feed_b), content_type="application/rss+xml")

    def digests_by_recipient(self):
        out = {}
        for m in self.g.maildir_messages():
            out.setdefault(m["To"].addresses[0].addr_spec, []).append(m)
        return out

    def test_first_run_second_run_and_a_new_item(self):
        self.g.once()
        by = self.digests_by_recipient()
        self.assertEqual(sorted(by), ["all@example.org", "russia@example.org"])
        self.assertEqual(len(by["all@example.org"]), 1)
        self.assertEqual(len(by["russia@example.org"]), 1)

        text = h.text_part(by["all@example.org"][0])
        self.assertIn("Pakistan budget talks stall", text)
        self.assertIn("Pakistan and Russia sign an energy deal", text)
        self.assertEqual(text.count("Shared: Ceasefire in the north"), 1, text)
        self.assertNotIn("Old archive piece", text)

        text = h.text_part(by["russia@example.org"][0])
        self.assertIn("Pakistan and Russia sign an energy deal", text)
        self.assertNotIn("Pakistan budget talks stall", text)
        self.assertNotIn("Ceasefire", text)

        # A second run finds nothing new and sends nothing.
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 2)

        # One new item: exactly one more digest (to the subscriber without filters),
        # listing only that item.
        self.feed_a.insert(0, {"title": "A brand new commentary", "guid": "a-3",
                               "link": self.site.url("/a/new.html"), "date": h.ago(minutes=5)})
        self.publish()
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 3)
        newest = messages[-1]
        self.assertEqual(newest["To"].addresses[0].addr_spec, "all@example.org")
        text = h.text_part(newest)
        self.assertIn("A brand new commentary", text)
        self.assertNotIn("Pakistan budget talks stall", text)
        self.assertNotIn("Ceasefire", text)

        # The admin view names both sources as healthy, with what they hold.
        out = self.g.sources()
        self.assertIn("Feed A", out)
        self.assertIn("Feed B", out)
        self.assertNotIn("error", out.lower())

    def test_preview_shows_the_next_digest_and_sends_nothing(self):
        self.g.once()  # registers subscribers, records the items, mails the due digests
        preview = self.g.run("preview", "--subscriber", "daily@example.org").stdout
        msg = h.parse_message(preview.encode())
        self.assertEqual(msg["To"].addresses[0].addr_spec, "daily@example.org")
        text = h.text_part(msg)
        self.assertIn("Pakistan budget talks stall", text)
        self.assertEqual(text.count("Shared: Ceasefire in the north"), 1, text)
        # Nothing was sent or marked: a second preview shows the same articles, and the
        # next run still sends nothing to the daily subscriber (not due yet).
        again = h.text_part(h.parse_message(
            self.g.run("preview", "--subscriber", "daily@example.org").stdout.encode()))
        self.assertEqual(again, text)
        self.g.once()
        recipients = [m["To"].addresses[0].addr_spec for m in self.g.maildir_messages()]
        self.assertNotIn("daily@example.org", recipients)
        self.assertEqual(len(recipients), 2)

    def test_preview_makes_no_signing_key(self):
        self.g.once()
        key = os.path.join(self.g.state, "unsubscribe.key")
        with open(key, "rb") as f:
            made_by_run = f.read()
        proc = self.g.run("preview", "--subscriber", "daily@example.org")
        self.assertIn("Pakistan budget talks stall", h.text_part(h.parse_message(
            proc.stdout.encode())))
        self.assertNotIn("link-signing key", proc.stderr)
        # Without a key (deleted, or a state no daemon ran on) a preview still shows the
        # digest, says its links do not work, and writes no key.
        os.remove(key)
        proc = self.g.run("preview", "--subscriber", "daily@example.org")
        self.assertIn("Pakistan budget talks stall", h.text_part(h.parse_message(
            proc.stdout.encode())))
        self.assertIn(f"gpalert preview: {self.g.state} has no link-signing key yet "
                      "(`gpalert run` makes unsubscribe.key): the unsubscribe and manage "
                      "links below are signed with a throwaway key and do not work",
                      proc.stderr)
        self.assertFalse(os.path.exists(key), "preview wrote a key")
        self.g.once()
        with open(key, "rb") as f:
            self.assertNotEqual(f.read(), made_by_run)

    def test_preview_of_an_unknown_subscriber_is_a_usage_error(self):
        proc = self.g.run("preview", "--subscriber", "nobody@example.org", check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("nobody@example.org", proc.stderr)


if __name__ == "__main__":
    h.main()
