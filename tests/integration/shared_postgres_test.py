"""Issue 13: several daemons sharing one PostgreSQL (a private server on a unix socket).
Three `run --once` processes started together on 300 feeds fetch every feed exactly once
in all (counted at the server) and each of three subscribers gets exactly one digest with
every article. Three daemons in `run` mode, one killed with SIGKILL while it polls: once
its leases expire the others poll its sources, no article is lost and at most one message
is duplicated. The timeline of the kill test is printed (for the closing note)."""

import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

SUBSCRIBERS = ["a@example.org", "b@example.org", "c@example.org"]


class SharedPostgresTest(h.PostgresCase):
    def feeds(self, n, delay=0.0):
        sources = []
        for i in range(n):
            item = {"title": f"Article number {i}", "link": self.site.url(f"/a/{i}.html"),
                    "guid": f"g{i}", "date": h.ago(minutes=30)}
            self.site.set(f"/f/{i}.xml", h.rss(f"Feed {i}", [item]),
                          content_type="application/rss+xml", delay=delay)
            sources.append({"name": f"Feed {i}", "url": self.site.url(f"/f/{i}.xml")})
        return sources

    def daemons(self, n, url, sources, smtp, extra_daemon="", lease="2m", interval="30m"):
        out = []
        for k in range(n):
            work = os.path.join(self.tmp, f"d{k}")
            os.makedirs(work)
            g = h.Gpalert(self.g.binary, work)
            g.write_config(sources=sources, subscribers=[{"email": e} for e in SUBSCRIBERS],
                           smtp=smtp, interval=interval, extra_daemon=f'name = "d{k}"\n' + extra_daemon,
                           extra_mail="digest_max_articles = 1000",
                           extra=f'[store]\nurl = "{url}"\nlease = "{lease}"')
            out.append(g)
        return out

    def launch(self, g):
        log = open(os.path.join(g.dir, "daemon.log"), "a")
        self.addCleanup(log.close)
        p = subprocess.Popen([g.binary, "run", "--config", g.config, "--log-level", "debug"],
                             stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(p)
        return p

    def received(self, sink):
        """recipient -> list of sets of article titles, one set per message."""
        by = {}
        for rcpts, raw in sink.messages:
            body = h.text_part(h.parse_message(raw))
            titles = set(re.findall(r"Article number \d+", body))
            for r in rcpts:
                by.setdefault(r, []).append(titles)
        return by

    def test_three_once_runs_fetch_each_feed_once_and_send_one_digest_each(self):
        url = self.pg.create_database()
        sources = self.feeds(300)
        sink = self.sink()
        gs = self.daemons(3, url, sources, sink.url)
        procs = [subprocess.Popen([g.binary, "run", "--once", "--config", g.config],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for g in gs]
        logs = []
        for p in procs:
            out, _ = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, out)
            logs.append(out)
        counts = [self.site.count(f"/f/{i}.xml") for i in range(300)]
        self.assertEqual(counts, [1] * 300, "every feed fetched exactly once in all")
        by = self.received(sink)
        self.assertEqual(sorted(by), SUBSCRIBERS)
        for r in SUBSCRIBERS:
            self.assertEqual(len(by[r]), 1, f"{r} got {len(by[r])} digests\n" +
                             "\n=====\n".join(logs))
            self.assertEqual(len(by[r][0]), 300)
        database = url.split("/")[3].split("?")[0]
        self.assertEqual(self.pg.psql(database, "SELECT COUNT(*) FROM sources WHERE leased_by "
                                                "IS NOT NULL"), [["0"]])

    def test_a_killed_daemons_sources_are_polled_by_the_others(self):
        url = self.pg.create_database()
        n = 60
        sources = self.feeds(n, delay=0.4)
        sink = self.sink()
        # One poll per source in the test's time (1h), leases of 6 s (renewed every 2 s).
        gs = self.daemons(3, url, sources, sink.url, extra_daemon="concurrency = 2\nper_host = 2",
                          lease="6s", interval="1h")
        t0 = time.monotonic()
        procs = [self.launch(g) for g in gs]
        database = url.split("/")[3].split("?")[0]

        def leased_by(name):
            try:
                rows = self.pg.psql(database, "SELECT COUNT(*) FROM sources WHERE leased_by "
                                              f"LIKE '{name}/%'")
            except AssertionError:  # no schema yet
                return 0
            return int(rows[0][0]) if rows else 0

        h.wait_for(lambda: leased_by("d0") > 0, timeout=30, what="d0 to hold leases")
        held = leased_by("d0")
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait(timeout=10)
        t_kill = time.monotonic() - t0

        def all_fetched():
            return all(self.site.count(f"/f/{i}.xml") >= 1 for i in range(n))

        h.wait_for(all_fetched, timeout=90, what="every feed to be fetched")
        t_all_fetched = time.monotonic() - t0

        def all_delivered():
            by = self.received(sink)
            return all(len(set().union(*by.get(r, [set()]))) == n for r in SUBSCRIBERS)

        h.wait_for(all_delivered, timeout=90, what="every article to reach every subscriber")
        t_delivered = time.monotonic() - t0
        fetched_twice = sum(1 for i in range(n) if self.site.count(f"/f/{i}.xml") > 1)
        self.assertLessEqual(fetched_twice, held, "only the killed daemon's polls run again")
        by = self.received(sink)
        for r in SUBSCRIBERS:
            seen = set()
            repeated = 0
            for titles in by[r]:
                if titles & seen:
                    repeated += 1
                seen |= titles
            self.assertLessEqual(repeated, 1, f"{r}: {repeated} messages repeat articles")
        self.assertEqual(self.pg.psql(database, "SELECT COUNT(*) FROM articles"), [[str(n)]])
        print(f"\nfailover timeline: d0 killed at {t_kill:.1f}s holding {held} lease(s); "
              f"every feed fetched by {t_all_fetched:.1f}s ({fetched_twice} fetched twice); "
              f"every article delivered to all {len(SUBSCRIBERS)} by {t_delivered:.1f}s",
              file=sys.stderr)


if __name__ == "__main__":
    h.main()
