"""Issue 13: the state in a shared PostgreSQL ([store] url) on a private server started
for this test (initdb, a unix socket in a temporary directory). The pipeline runs on it
end to end (a cross-posted article is alerted once, a second run sends nothing), two
daemons starting together on an empty database migrate it once, `gpalert check` reports
the schema version and, in words, a refused connection; a password in the URL is refused
before anything connects."""

import os
import subprocess
import time
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class PostgresStoreTest(h.PostgresCase):
    def configure(self, url, subscribers=None):
        s = self.site
        self.publish_feed("/a/feed.xml", [
            {"title": "Budget talks stall", "link": s.url("/a/budget.html"), "guid": "a-1",
             "date": h.ago(hours=5)},
            {"title": "Ceasefire in the north", "link": s.url("/shared/ceasefire.html"),
             "guid": "a-2", "date": h.ago(hours=4)}], title="Feed A")
        self.publish_feed("/b/feed.xml", [
            {"title": "Ceasefire in the north",
             "link": s.url("/shared/ceasefire.html?utm_source=rss"), "guid": "b-1",
             "date": h.ago(hours=4)}], title="Feed B")
        self.g.write_config(
            sources=[{"name": "Feed A", "url": s.url("/a/feed.xml")},
                     {"name": "Feed B", "url": s.url("/b/feed.xml")}],
            subscribers=subscribers if subscribers is not None else [{"email": "r@example.org"}],
            extra=f'[store]\nurl = "{url}"')

    def test_the_pipeline_runs_on_postgres(self):
        url = self.pg.create_database()
        self.configure(url)
        check = self.g.run("check")
        self.assertIn("empty (the daemon makes the schema", check.stdout)
        self.g.once()
        digests = self.g.maildir_messages()
        self.assertEqual(len(digests), 1)
        body = h.text_part(digests[0])
        self.assertIn("Budget talks stall", body)
        self.assertEqual(body.count("Ceasefire in the north"), 1, body)
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 1, "a second run sends nothing")
        database = url.split("/")[3].split("?")[0]
        rows = self.pg.psql(database, "SELECT COUNT(*) FROM articles")
        self.assertEqual(rows, [["2"]])
        rows = self.pg.psql(database, "SELECT subscriber, state FROM outbox")
        self.assertEqual(rows, [["r@example.org", "sent"]])
        self.assertIn("Feed A", self.g.sources())
        check = self.g.run("check")
        self.assertRegex(check.stdout, r"store PostgreSQL .*dbname=gpalert_\d+.*: schema version \d+")
        self.assertNotIn("state dir", check.stderr)

    def test_two_daemons_starting_together_migrate_an_empty_database_once(self):
        url = self.pg.create_database()
        self.configure(url, subscribers=[])
        procs = [subprocess.Popen([self.g.binary, "run", "--once", "--config", self.g.config],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for _ in range(2)]
        for p in procs:
            out, _ = p.communicate(timeout=60)
            self.assertEqual(p.returncode, 0, out)
        database = url.split("/")[3].split("?")[0]
        versions = self.pg.psql(database, "SELECT version, COUNT(*) FROM schema_version "
                                          "GROUP BY version ORDER BY version")
        self.assertGreaterEqual(len(versions), 6)
        self.assertEqual([v[0] for v in versions], [str(i + 1) for i in range(len(versions))])
        self.assertTrue(all(v[1] == "1" for v in versions), versions)

    def test_check_reports_a_refused_connection_in_words(self):
        missing = os.path.join(self.tmp, "no-server-here")
        os.makedirs(missing)
        self.configure(f"postgresql:///gpalert?host={missing}")
        check = self.g.run("check", check=False)
        self.assertEqual(check.returncode, 1, check.stdout + check.stderr)
        self.assertIn("cannot connect to PostgreSQL", check.stderr)
        self.assertIn("check that the server runs", check.stderr)
        run = self.g.run("run", "--once", check=False)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("cannot connect", run.stderr + run.stdout)

    def test_migrate_moves_a_populated_sqlite_state_keeping_every_row(self):
        self.configure(self.pg.create_database())
        # A populated SQLite state: run on the default store first.
        with open(self.g.config) as f:
            sqlite_config = f.read().split("[store]")[0]
        with open(self.g.config, "w") as f:
            f.write(sqlite_config)
        self.g.run("subscribers", "add", "admin-added@example.org")
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 2)
        db = os.path.join(self.g.state, "gpalert.db")
        tables = ["sources", "articles", "article_sources", "article_fingerprints",
                  "fingerprint_bands", "article_merges", "subscribers", "outbox", "deliveries",
                  "suppressions"]
        before = {}
        for t in tables:
            out = subprocess.run(["sqlite3", db, f"SELECT COUNT(*) FROM {t}"], check=True,
                                 capture_output=True, text=True).stdout.strip()
            before[t] = out
        url = self.pg.create_database()
        proc = subprocess.run([self.g.binary, "migrate", "--from", f"sqlite://{db}", "--to", url],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("rows copied", proc.stdout)
        self.assertIn("the signing key of", proc.stdout)
        database = url.split("/")[3].split("?")[0]
        after = {t: self.pg.psql(database, f"SELECT COUNT(*) FROM {t}")[0][0] for t in tables}
        self.assertEqual(after, before)
        self.assertNotEqual(before["deliveries"], "0")
        # The daemon goes on from the copy: nothing is alerted twice, new items still are.
        with open(self.g.config, "a") as f:
            f.write(f'\n[store]\nurl = "{url}"\n')
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 2, "nothing alerted twice")
        self.publish_feed("/b/feed.xml", [
            {"title": "A new note", "link": self.site.url("/b/new.html"), "guid": "b-2",
             "date": h.ago(minutes=5)}], title="Feed B")
        # A once-mode round on a shared store polls what nobody polled since the second
        # it began: the next second.
        time.sleep(1.1)
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 4, "the new note, to both readers")
        self.assertIn("A new note", h.text_part(self.g.maildir_messages()[-1]))
        # Into a database that holds state already: refused, nothing changed.
        again = subprocess.run([self.g.binary, "migrate", "--from", db, "--to", url],
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(again.returncode, 2, again.stdout + again.stderr)
        self.assertIn("migrate into an empty database", again.stderr)

    def test_a_password_in_the_url_is_refused_unprinted(self):
        self.configure("postgresql://gpalert:s3cret-pw@db.example.org/gpalert")
        check = self.g.run("check", check=False)
        self.assertEqual(check.returncode, 2)
        self.assertIn("holds a password", check.stderr)
        self.assertNotIn("s3cret-pw", check.stderr + check.stdout)


if __name__ == "__main__":
    h.main()
