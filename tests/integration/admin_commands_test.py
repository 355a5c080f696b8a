"""Issue 10: the admin's commands through the real binary. `outbox list|show|retry|purge`
on a queue with a parked message (a 550 from a real SMTP server); `mail-test` through
SMTP (accepted, and refused) and the Maildir; `run --once --source NAME` polls only that
source; `run --once --no-send` records and mails nothing (the next run mails it);
`sources --json`."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class AdminCommandsTest(h.IntegrationCase):
    def feed(self, path, title):
        s = self.site
        self.publish_feed(path, [{"title": title, "link": s.url(path + ".html"), "guid": path,
                                  "date": h.ago(hours=1)}])
        return s.url(path)

    def test_outbox_list_show_retry_and_purge(self):
        sink = self.sink(fail_always=True, fail_code=550)
        self.g.write_config(sources=[{"name": "A", "url": self.feed("/a.xml", "Alpha")}],
                            subscribers=[{"email": "r@example.org"}], smtp=sink.url)
        self.g.once()
        listed = self.g.run("outbox", "list").stdout
        self.assertIn("| parked | r@example.org | GP Alert: 1 new from A", listed)
        self.assertIn("550 5.7.1 message rejected", listed)
        self.assertIn("1 message(s)", listed)
        msg_id = listed.split(" | ")[0]
        shown = self.g.run("outbox", "show", msg_id).stdout
        self.assertIn("Subject: GP Alert: 1 new from A", shown)
        self.assertIn("Alpha", shown)
        bad = self.g.run("outbox", "show", "999", check=False)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("no outbox message 999", bad.stderr)

        # The server is fixed; the admin retries the parked message and it goes, once.
        sink.fail_always = False
        self.assertIn("1 message(s) due now", self.g.run("outbox", "retry", msg_id).stdout)
        self.assertIn("| pending |", self.g.run("outbox", "list").stdout)
        self.assertIn("1 sent", self.g.once().stdout)
        self.assertEqual(len(sink.messages), 1)
        self.assertIn("| sent |", self.g.run("outbox", "list", "--state", "all").stdout)
        refused = self.g.run("outbox", "retry", msg_id, check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("was sent already", refused.stderr)

        # Another parked one, then purged.
        sink.fail_always = True
        s = self.site
        self.publish_feed("/a.xml", [{"title": "Beta", "link": s.url("/b.html"), "guid": "b",
                                      "date": h.ago(minutes=5)}])
        self.g.once()
        self.assertIn("1 parked message(s) deleted",
                      self.g.run("outbox", "purge", "--parked").stdout)
        self.assertIn("0 message(s)", self.g.run("outbox", "list").stdout)
        usage = self.g.run("outbox", "retry", "soon", check=False)
        self.assertEqual(usage.returncode, 2)

    def test_mail_test_through_smtp_and_the_maildir(self):
        sink = self.sink()
        self.g.write_config(sources=[], subscribers=[], smtp=sink.url)
        sent = self.g.run("mail-test", "--to", "admin@example.org")
        self.assertIn("sent <mail-test.", sent.stdout)
        self.assertIn("250", sent.stdout)
        self.assertEqual(sink.messages[0][0], ["admin@example.org"])
        message = sink.parsed()[0]
        self.assertEqual(message["Subject"], "gpalert mail test")
        self.assertIn("SMTP " + sink.url, h.text_part(message))
        sink.fail_always = True
        sink.fail_code = 550
        refused = self.g.run("mail-test", "--to", "admin@example.org", check=False)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("not sent (permanent)", refused.stderr)
        self.assertIn("550 5.7.1 message rejected", refused.stderr)
        bad = self.g.run("mail-test", "--to", "not an address", check=False)
        self.assertEqual(bad.returncode, 2)

        self.g.write_config(sources=[], subscribers=[])  # no smtp: the Maildir
        self.assertIn("via Maildir", self.g.run("mail-test", "--to", "a@example.org").stdout)
        self.assertEqual(len(self.g.maildir_messages()), 1)

    def test_once_for_one_source_and_a_dry_run(self):
        self.g.write_config(sources=[{"name": "A", "url": self.feed("/a.xml", "Alpha")},
                                     {"name": "B", "url": self.feed("/b.xml", "Beta")}],
                            subscribers=[{"email": "r@example.org"}])
        dry = self.g.run("run", "--once", "--no-send", "--source", "A")
        self.assertIn("polled 1 source(s), 0 failed; 1 new article(s); 0 digest(s) queued",
                      dry.stdout)
        self.assertEqual(self.g.maildir_messages(), [])
        lines = {line.split(" | ")[0]: line for line in self.g.sources().splitlines()}
        self.assertIn("never polled", lines["B"])
        unknown = self.g.run("run", "--once", "--source", "C", check=False)
        self.assertEqual(unknown.returncode, 2)
        self.assertIn('--source "C" is not a source', unknown.stderr)
        # The next run that sends mails what the dry run recorded, and B's article.
        self.assertIn("1 new article(s)", self.g.once().stdout)  # B's; A's was recorded already
        text = h.text_part(self.g.maildir_messages()[0])
        self.assertIn("Alpha", text)
        self.assertIn("Beta", text)

    def test_sources_as_json(self):
        self.g.write_config(sources=[{"name": "A", "url": self.feed("/a.xml", "Alpha")},
                                     {"name": "B", "url": self.site.url("/missing.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        self.g.once(check=False)
        doc = json.loads(self.g.run("sources", "--json").stdout)
        by_name = {s["name"]: s for s in doc["sources"]}
        self.assertEqual(by_name["A"]["type"], "feed")
        self.assertEqual(by_name["A"]["failures"], 0)
        self.assertEqual(by_name["A"]["items"], 1)
        self.assertEqual(by_name["B"]["failures"], 1)
        self.assertEqual(by_name["B"]["http_status"], 404)
        self.assertIsNotNone(by_name["B"]["last_error"])
        self.assertRegex(by_name["A"]["last_poll"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(doc["outbox"], {"pending": 0, "sent": 1, "parked": 0})


if __name__ == "__main__":
    h.main()
