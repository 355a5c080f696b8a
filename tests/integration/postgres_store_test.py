"""Issue 13: the state in a shared PostgreSQL ([store] url) on a private server started
for this test (initdb, a unix socket in a temporary directory). The pipeline runs on it
end to end (a cross-posted article is alerted once, a second run sends nothing), two
daemons starting together on an empty database migrate it once, `gpalert check` reports
the schema version and, in words, a refused connection; a password in the URL is refused
before anything connects."""

import os
import subprocess
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

    def test_a_password_in_the_url_is_refused_unprinted(self):
        self.configure("postgresql://gpalert:s3cret-pw@db.example.org/gpalert")
        check = self.g.run("check", check=False)
        self.assertEqual(check.returncode, 2)
        self.assertIn("holds a password", check.stderr)
        self.assertNotIn("s3cret-pw", check.stderr + check.stdout)


if __name__ == "__main__":
    h.main()
