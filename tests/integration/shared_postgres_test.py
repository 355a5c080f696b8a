"""Issue 13: several daemons sharing one PostgreSQL (a private server on a unix socket).
Three `run --once` processes started together on 300 feeds fetch every feed exactly once
in all (counted at the server) and each of three subscribers gets exactly one digest with
every article. Three on one host never have more than its per_host requests at the server
at once. Three daemons in `run` mode, one killed with SIGKILL while it polls: once
its leases expire the others poll its sources, no article is lost and at most one message
is duplicated. The timeline of the kill test is printed (for the closing note)."""

import json
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

    def once_together(self, gs):
        """`run --once` of every daemon in `gs`, started together; their outputs."""
        procs = [subprocess.Popen([g.binary, "run", "--once", "--config", g.config],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for g in gs]
        logs = []
        for p in procs:
            out, _ = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, out)
            logs.append(out)
        return logs

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
        logs = self.once_together(gs)
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

    def test_a_hosts_per_host_limit_holds_across_daemons(self):
        url = self.pg.create_database()
        # 36 feeds on one host (the site), 4 with fetch_full and 3 article pages each; every
        # answer takes 0.2 s, and each daemon starts 16 polls at once (concurrency 2), so the
        # three daemons' polls would overlap at the server.
        sources = self.feeds(36, delay=0.2)
        for k in range(4):
            items = []
            for j in range(3):
                path = f"/p/{k}/{j}.html"
                items.append({"title": f"Page article {k}.{j}", "link": self.site.url(path),
                              "guid": f"p{k}.{j}", "date": h.ago(minutes=20)})
                page = (f"<html><head><title>Page article {k}.{j}</title></head><body><article>"
                        f"<h1>Page article {k}.{j}</h1>{h.prose_paragraphs(f'page {k}.{j}')}"
                        "</article></body></html>")
                self.site.set(path, page, delay=0.2)
            self.site.set(f"/full/{k}.xml", h.rss(f"Full {k}", items),
                          content_type="application/rss+xml", delay=0.2)
            sources.append({"name": f"Full {k}", "url": self.site.url(f"/full/{k}.xml"),
                            "fetch_full": True})
        sink = self.sink()
        gs = self.daemons(3, url, sources, sink.url, extra_daemon="concurrency = 2\nper_host = 1")
        logs = self.once_together(gs)
        self.assertEqual(self.site.max_active, 1,
                         "per_host = 1 for the three daemons together\n" + "\n=====\n".join(logs))
        counts = [self.site.count(f"/f/{i}.xml") for i in range(36)]
        counts += [self.site.count(f"/full/{k}.xml") for k in range(4)]
        counts += [self.site.count(f"/p/{k}/{j}.html") for k in range(4) for j in range(3)]
        self.assertEqual(counts, [1] * 52, "every feed and page fetched exactly once in all")
        by = self.received(sink)
        for r in SUBSCRIBERS:
            self.assertEqual(len(by[r]), 1, f"{r} got {len(by[r])} digests")
        database = url.split("/")[3].split("?")[0]
        self.assertEqual(self.pg.psql(database, "SELECT COUNT(*) FROM host_slots WHERE held_by "
                                                "IS NOT NULL"), [["0"]], "every slot given back")

    def test_a_killed_daemons_sources_are_polled_by_the_others(self):
        url = self.pg.create_database()
        n = 60
        sources = self.feeds(n, delay=0.4)
        sink = self.sink()
        # One poll per source in the test's time (1h), leases of 6 s (renewed every 2 s).
        gs = self.daemons(3, url, sources, sink.url, extra_daemon="concurrency = 2\nper_host = 2",
                          lease="6s", interval="1h")
        t0 = time.monotonic()
        # d0 first (it takes the site's two poll slots), the others once it polls: they wait
        # for slots that d0 gives back, and take them over when d0 is dead.
        procs = [self.launch(gs[0])]
        database = url.split("/")[3].split("?")[0]

        def leased_by(name):
            try:
                rows = self.pg.psql(database, "SELECT COUNT(*) FROM sources WHERE leased_by "
                                              f"LIKE '{name}/%'")
            except AssertionError:  # no schema yet
                return 0
            return int(rows[0][0]) if rows else 0

        h.wait_for(lambda: leased_by("d0") > 0, timeout=30, what="d0 to hold leases")
        procs += [self.launch(g) for g in gs[1:]]
        h.wait_for(lambda: leased_by("d1") + leased_by("d2") > 0, timeout=30,
                   what="d1 or d2 to hold leases")
        # Which daemon holds what, as the admin sees it (any daemon's config will do).
        shown = subprocess.run([gs[1].binary, "sources", "--config", gs[1].config, "--json"],
                               capture_output=True, text=True, timeout=30)
        self.assertEqual(shown.returncode, 0, shown.stderr)
        listed = json.loads(shown.stdout)
        self.assertTrue(any((s["leased_by"] or "").startswith("d") for s in listed["sources"]),
                        shown.stdout)
        self.assertTrue(all(slot["held_by"].startswith("d") for slot in listed["host_slots"]))
        self.assertLessEqual(len(listed["host_slots"]), 2, "per_host = 2 slots for the site")
        # Killed while it polls: the leases left in its name are the polls it had in flight.
        h.wait_for(lambda: leased_by("d0") > 0, timeout=30, interval=0.02,
                   what="d0 to poll again")
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait(timeout=10)
        t_kill = time.monotonic() - t0
        held = leased_by("d0")

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
