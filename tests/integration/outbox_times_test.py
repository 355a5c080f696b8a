"""Issue 9: `run --once` drained the outbox with the latest next_try of all pending rows
as "now", so a message deferred for an hour and sent on the next run was recorded as
sent an hour in the future (and retry times and the give-up check were computed from
there). The times in the outbox are the real times of each send."""

import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class OutboxTimesTest(h.IntegrationCase):
    def outbox(self):
        db = sqlite3.connect(os.path.join(self.g.state, "gpalert.db"))
        try:
            return db.execute("SELECT state, attempts, next_try, sent_at FROM outbox").fetchall()
        finally:
            db.close()

    def test_a_deferred_message_sent_by_the_next_once_run_is_stamped_with_the_real_time(self):
        sink = self.sink(fail_first=1)
        self.publish_feed("/feed.xml", [{"title": "News", "link": self.site.url("/n.html"),
                                         "guid": "n", "date": h.ago(hours=1)}])
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}], smtp=sink.url)
        first = self.g.once()
        self.assertIn("0 sent, 1 to retry", first.stdout)
        [(state, attempts, next_try, sent_at)] = self.outbox()
        self.assertEqual((state, attempts, sent_at), ("pending", 1, None))
        now = time.time()
        self.assertGreater(next_try, now + 30)  # deferred: a retry a minute or more away

        second = self.g.once()
        after = time.time()
        self.assertIn("1 sent", second.stdout)
        [(state, attempts, _, sent_at)] = self.outbox()
        self.assertEqual(state, "sent")
        self.assertLessEqual(sent_at, after + 1)  # not at the deferred next_try
        self.assertGreaterEqual(sent_at, now - 1)
        self.assertEqual(len(sink.messages), 1)


if __name__ == "__main__":
    h.main()
