"""Issue 9's crash-safety matrix: `gpalert run --once` killed with SIGKILL at each step of
the pipeline (after the fetch, after the parse, inside the store transaction, after the
outbox row is written, during SMTP DATA, after the server's 250 before the row is marked
sent), through the fault points the test build compiles in (common/fault_point.h,
GPALERT_KILL_AT). After each kill a plain rerun must leave: every article stored, the
reader's digest delivered (at most one duplicate: the message in flight), nothing
pending, and a database that passes PRAGMA integrity_check."""

import os
import re
import signal
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

POINTS = ["after-fetch", "after-parse", "inside-store-transaction", "after-outbox-row",
          "during-smtp-data", "after-smtp-250"]
ITEMS = 5


class CrashMatrixTest(h.IntegrationCase):
    def run_with_kill(self, point):
        env = dict(os.environ, GPALERT_KILL_AT=point)
        return subprocess.run([self.g.binary, "run", "--once", "--config", self.g.config],
                              capture_output=True, text=True, timeout=60, env=env)

    def db(self, sql):
        con = sqlite3.connect(os.path.join(self.g.state, "gpalert.db"))
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def test_a_kill_at_any_step_loses_nothing_and_duplicates_at_most_the_message_in_flight(self):
        for point in POINTS:
            with self.subTest(point=point):
                self.setUp_case(point)
                killed = self.run_with_kill(point)
                self.assertEqual(killed.returncode, -signal.SIGKILL,
                                 f"{point}: not killed there\n{killed.stderr[-2000:]}")
                rerun = self.g.once()
                self.assertIn("0 to retry, 0 parked", rerun.stdout)
                self.assertEqual(self.db("PRAGMA integrity_check"), [("ok",)])
                self.assertEqual(self.db("SELECT COUNT(*) FROM articles"), [(ITEMS,)])
                self.assertEqual(self.db("SELECT COUNT(*) FROM outbox WHERE state != 'sent'"),
                                 [(0,)])
                seen = []
                for msg in self.sink_.parsed():
                    seen += re.findall(r"\* Crash item (\d+)", h.text_part(msg))
                # Every article reached the reader; only the message in flight may repeat.
                self.assertEqual(sorted(set(int(n) for n in seen)), list(range(ITEMS)))
                print(f"\n{point}: killed; after the rerun {len(self.sink_.messages)} message(s) "
                      f"received, {ITEMS} articles stored, integrity ok", file=sys.stderr)
                self.assertLessEqual(len(self.sink_.messages), 2, point)
                if point not in ("during-smtp-data", "after-smtp-250"):
                    self.assertEqual(len(self.sink_.messages), 1, point)

    def setUp_case(self, point):
        # A fresh state, site and SMTP sink per kill point.
        if hasattr(self, "sink_"):
            self.sink_.stop()
            self.sinks.remove(self.sink_)
        self.g = h.Gpalert(self.binary, os.path.join(self.tmp, point))
        os.makedirs(self.g.dir)
        self.sink_ = self.sink()
        path = f"/{point}.xml"
        self.publish_feed(path, [{"title": f"Crash item {i}", "link": self.site.url(f"/{point}/{i}"),
                                  "guid": f"{point}-{i}", "date": h.ago(hours=1)}
                                 for i in range(ITEMS)])
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url(path)}],
                            subscribers=[{"email": "r@example.org"}], smtp=self.sink_.url)


if __name__ == "__main__":
    h.main()
