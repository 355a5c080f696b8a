"""Retention through the real binary. The binary reads the real clock, so one test gives
[retention] durations of seconds and waits them out (outbox = "4s": sent bodies go after
4 s, rows after 8 s; articles "2s"; dedup "10s"; the waits leave seconds of slack either
way, as ctest runs tests side by side); the other keeps the defaults (30 d,
180 d, 365 d) and moves the state's timestamps into the past with Python's sqlite3, as a
year-old database would have them. Both run `gpalert prune` (and --dry-run) after
`gpalert run --once`, and check that an item the feed still lists is not alerted again
while its dedup keys are kept, and is once they have expired."""

import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

DAY = 86400


def counts(line):
    """{"deleted": n, ...} from a `gpalert prune` line."""
    out = {}
    for n, what in re.findall(r"(\d+) ([a-z ()]+?)(?:,|;|$)", line.strip()):
        out[what.strip()] = int(n)
    return out


class RetentionTest(h.IntegrationCase):
    def items(self, *titles):
        s = self.site
        return [{"title": t, "link": s.url(f"/{t}.html"), "guid": t, "date": h.ago(hours=1)}
                for t in titles]

    def write(self, retention):
        self.publish_feed("/feed.xml", self.items("alpha", "beta"))
        self.g.write_config(sources=[{"name": "A", "url": self.site.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        if retention:
            with open(self.g.config, "a") as f:
                f.write("\n[retention]\n" + retention + "\n")

    def db(self):
        return sqlite3.connect(os.path.join(self.g.state, "gpalert.db"))

    def prune(self, *args):
        return self.g.run("prune", *args).stdout.splitlines()[0]

    def test_seconds_long_retention_waited_out(self):
        self.write('outbox = "4s"\narticles = "2s"\ndedup = "10s"')
        self.assertIn("2 new article(s)", self.g.once().stdout)
        self.assertEqual(len(self.g.maildir_messages()), 1)
        self.assertEqual(self.prune(), "nothing to prune")
        time.sleep(5)

        dry = self.prune("--dry-run")
        self.assertTrue(dry.startswith("dry run, nothing changed: "), dry)
        self.assertEqual(counts(dry), {"sent message(s) to cut to their headers": 1,
                                       "article(s) to delete": 1})
        done = self.prune()
        self.assertEqual(counts(done), {"sent message(s) cut to their headers": 1,
                                        "article(s) deleted": 1}, done)
        listed = self.g.run("outbox", "list", "--state", "sent").stdout
        self.assertIn("| body dropped: ", listed)
        self.assertIn("GP Alert: 2 new from A", listed, "the headers stay")
        with self.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM articles").fetchone()[0], 1,
                             "the newest article is always kept")
            self.assertEqual(db.execute("SELECT count(*) FROM pruned_articles").fetchone()[0], 1)

        # The feed still lists both: neither is new (alpha by its dedup keys).
        self.assertIn("0 new article(s)", self.g.once().stdout)
        time.sleep(7)  # rows past 8 s, keys past 10 s: 12 s and more since the first run
        done = counts(self.prune())
        self.assertEqual(done.get("message(s) deleted"), 1, done)
        self.assertEqual(done.get("dedup key(s) expired"), 1, done)
        self.assertIn("0 message(s)", self.g.run("outbox", "list", "--state", "all").stdout)
        # Keys expired: alpha, still listed, is news again (documented in gpalert.toml(5)).
        again = self.g.once().stdout
        self.assertIn("1 new article(s)", again)
        self.assertIn("1 digest(s) queued", again)

    def test_default_retention_on_a_database_dated_back(self):
        self.write("")
        self.g.once()
        with self.db() as db:
            db.execute("UPDATE articles SET first_seen = first_seen - 200 * ?", (DAY,))
            db.execute("UPDATE article_sources SET seen_at = seen_at - 200 * ?", (DAY,))
            db.execute("UPDATE outbox SET created = created - 40 * ?, sent_at = sent_at - 40 * ?",
                       (DAY, DAY))
            db.execute("UPDATE subscribers SET since = since - 201 * ?", (DAY,))
        # A newer article; one more pending (never digested) and old: held back.
        self.publish_feed("/feed.xml", self.items("alpha", "beta", "gamma"))
        self.g.run("run", "--once", "--no-send")
        with self.db() as db:
            db.execute("UPDATE articles SET first_seen = first_seen - 190 * ? "
                       "WHERE url LIKE '%gamma%'", (DAY,))
        self.publish_feed("/feed.xml", self.items("alpha", "beta", "gamma", "delta"))
        self.g.run("run", "--once", "--no-send")

        dry = counts(self.prune("--dry-run"))
        self.assertEqual(dry, {"sent message(s) to cut to their headers": 1,
                               "article(s) to delete": 2,
                               "article(s) kept for pending digests": 1})
        with self.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM articles").fetchone()[0], 4,
                             "a dry run changes nothing")
        done = counts(self.prune())
        self.assertEqual(done, {"sent message(s) cut to their headers": 1,
                                "article(s) deleted": 2,
                                "article(s) kept for pending digests": 1})
        with self.db() as db:
            titles = sorted(r[0] for r in db.execute("SELECT title FROM articles"))
            self.assertEqual(titles, ["delta", "gamma"])
            self.assertEqual(db.execute("SELECT count(*) FROM deliveries").fetchone()[0], 0,
                             "alpha's and beta's deliveries went with them")
        # The next digest lists gamma and delta only: alpha and beta are not news again.
        self.assertIn("1 digest(s) queued", self.g.once().stdout)
        text = h.text_part(self.g.maildir_messages()[-1])
        self.assertIn("gamma", text)
        self.assertIn("delta", text)
        self.assertNotIn("alpha", text)
        self.assertEqual(self.prune(), "nothing to prune")


if __name__ == "__main__":
    h.main()
