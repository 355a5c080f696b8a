"""Issue 12: VERP and the daemon's own inbox pass, on loopback with a real SMTP server.
With [mail] bounce_address every message leaves from bounces+<token>@example.org (the
outbox row, the recipient and a signature; a recipient too long for 64 octets gets the
row-only form), in MAIL FROM over SMTP and in Return-Path in the Maildir. With [mail]
inbox_maildir the daemon (`run`, not --once) reads that Maildir itself: two hard DSNs that
came back to a subscriber's VERP address make them bouncing, even when the report names
the forwarded address instead of theirs, and even by the row-only token; a DSN with a
forged token is reported and changes nothing; every processed file moves to cur/ with
":2,S". `gpalert inbox` matches a non-standard bounce (no Final-Recipient) by the VERP
address in the Maildir's Return-Path; `mail-test` sends from a VERP address too. `check` shows both keys and names the file and
line of a bad bounce_address or a missing inbox Maildir."""

import os
import re
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

CFG = "cfg@example.org"
READER = "reader@example.com"
LONG = "a.very.long.local.part.of.someone@a-rather-long-domain-name.example.com"
VERP = re.compile(r"^bounces\+(\d+)-(?:([a-z0-9.=_-]+)-)?([0-9a-f]{16})@example\.org$")

DSN = """Return-Path: <>
Delivered-To: {to}
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: {to}
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system at host mx.example.net. I'm sorry to inform you...

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {rcpt}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown

--B--
"""


class VerpBouncesTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.items = [{"title": "First", "link": self.site.url("/1.html"), "guid": "1",
                       "date": h.ago(minutes=5)}]
        self.publish_feed("/feed.xml", self.items)
        self.maildir = h.InboxMaildir(os.path.join(self.tmp, "inbox"))
        self.inbox = self.maildir.path

    def config(self, smtp=None, extra_mail=""):
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml")}],
                            subscribers=[{"email": CFG}], smtp=smtp, interval="1h",
                            extra_mail='bounce_address = "bounces@example.org"\n' + extra_mail)

    def drop(self, text):
        return self.maildir.drop(text)

    def state(self, address):
        for line in self.g.run("subscribers", "list").stdout.splitlines():
            if line.startswith(address + " | "):
                return line.split(" | ")[2]
        return None

    def test_the_daemon_reads_bounces_that_came_back_to_verp_addresses(self):
        sink = self.sink()
        self.config(smtp=sink.url, extra_mail=f'inbox_maildir = "{self.inbox}"\n'
                                              'inbox_interval = "1s"\ninbox_batch = 2')
        self.g.run("subscribers", "add", READER)
        self.g.run("subscribers", "add", LONG)
        self.g.once()
        envelope = {rcpts[0]: sender for (rcpts, _), sender in
                    zip(sink.messages, sink.mail_froms)}
        self.assertEqual(sorted(envelope), sorted([CFG, READER, LONG]))
        for rcpt, sender in envelope.items():
            self.assertRegex(sender, VERP)
            self.assertLessEqual(len(sender.split("@")[0]), 64, sender)
        self.assertEqual(VERP.match(envelope[READER]).group(2), "reader=example.com")
        self.assertEqual(VERP.match(envelope[CFG]).group(2), "cfg=example.org")
        self.assertIsNone(VERP.match(envelope[LONG]).group(2), envelope[LONG])  # row-only
        # The From header stays the list's.
        self.assertTrue(all(m["From"] == "GP Alerts <alerts@example.org>"
                            for m in sink.parsed()))

        # Forwarded: the report names where the mail went on to, not the subscriber.
        names = [self.drop(DSN.format(to=envelope[READER], rcpt="reader@newjob.example.net"))
                 for _ in range(2)]
        names += [self.drop(DSN.format(to=envelope[LONG], rcpt="x@elsewhere.example.net"))
                  for _ in range(2)]
        forged = envelope[CFG].replace(VERP.match(envelope[CFG]).group(3), "0" * 16)
        names.append(self.drop(DSN.format(to=forged, rcpt=CFG)))
        names.append(self.drop(DSN.format(to=forged, rcpt=CFG)))
        proc = self.daemon()
        # Six messages, two a pass: three passes without anyone running `gpalert inbox`.
        h.wait_for(lambda: len(os.listdir(os.path.join(self.inbox, "cur"))) == 6, timeout=30,
                   what="the daemon's inbox passes")
        self.assertEqual(os.listdir(os.path.join(self.inbox, "new")), [])
        self.assertEqual(sorted(os.listdir(os.path.join(self.inbox, "cur"))),
                         sorted(n + ":2,S" for n in names))
        self.assertEqual(self.state(READER), "bouncing")
        self.assertEqual(self.state(LONG), "bouncing")
        self.assertEqual(self.state(CFG), "active")
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=20), 0)
        log = self.g.daemon_log()
        self.assertIn(f"hard bounce of {READER} (5.1.1; by its VERP address", log)
        self.assertIn("the report names reader@newjob.example.net", log)
        self.assertIn("now bouncing, digests stopped", log)
        self.assertIn(f"came back to {forged}, whose VERP token is not one gpalert signed", log)
        self.assertIn("for the next pass", log)

        # No more digests to the bouncing ones.
        self.items.append({"title": "Second", "link": self.site.url("/2.html"), "guid": "2",
                           "date": h.ago(minutes=1)})
        self.publish_feed("/feed.xml", self.items)
        before = len(sink.messages)
        self.g.once()
        self.assertEqual([r for r, _ in sink.messages[before:]], [[CFG]])

    def test_the_maildir_carries_the_verp_return_path_and_inbox_reads_a_plain_bounce(self):
        self.config()
        self.g.run("subscribers", "add", READER)
        self.g.once()
        mail = [m for m in self.g.maildir_messages() if READER in str(m["To"])]
        self.assertEqual(len(mail), 1)
        return_path = mail[0]["Return-Path"].strip("<>")
        self.assertRegex(return_path, VERP)
        # A qmail-style bounce: no delivery-status part, no Final-Recipient.
        plain = (f"Delivered-To: {return_path}\nFrom: MAILER-DAEMON@mx.example.net\n"
                 "Subject: failure notice\n\nHi. This is the qmail-send program.\n"
                 "Remote host said: 550 5.1.1 mailbox unavailable\n")
        self.drop(plain)
        out = self.g.run("inbox", "--maildir", self.inbox).stdout
        row = VERP.match(return_path).group(1)
        self.assertIn(f"hard bounce of {READER} (5.1.1; by its VERP address, outbox message "
                      f"{row}; 1 hard, 0 soft in 14 days)", out)
        self.drop(plain)
        out = self.g.run("inbox", "--maildir", self.inbox).stdout
        self.assertIn("2 hard, 0 soft in 14 days): now bouncing", out)
        self.assertEqual(self.state(READER), "bouncing")
        # mail-test sends from a VERP address too (its message is no outbox row: id 0).
        self.g.run("mail-test", "--to", "tester@example.net")
        test = [m for m in self.g.maildir_messages() if "tester@example.net" in str(m["To"])]
        self.assertEqual(len(test), 1)
        self.assertRegex(test[0]["Return-Path"].strip("<>"),
                         r"^bounces\+0-tester=example\.net-[0-9a-f]{16}@example\.org$")
        # Without --maildir and without inbox_maildir: a clear error.
        res = self.g.run("inbox", check=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn("give --maildir DIR or set [mail] inbox_maildir", res.stderr)

    def test_check_shows_and_validates_the_bounce_keys(self):
        self.config(extra_mail=f'inbox_maildir = "{self.inbox}"')
        out = self.g.run("check").stdout
        self.assertIn("bounces: return to bounces@example.org (VERP: bounces+<token>@example.org)",
                      out)
        self.assertIn(f"the daemon reads the Maildir {self.inbox} every 1 min, 200 at a time", out)
        self.config(extra_mail=f'inbox_maildir = "{self.inbox}-missing"')
        res = self.g.run("check", check=False)
        self.assertEqual(res.returncode, 2)
        self.assertRegex(res.stderr, r"gpalert.toml:\d+:\d+: \"inbox_maildir\" \"[^\"]+-missing\" "
                                     r"is not a Maildir")
        self.g.write_config(sources=[], subscribers=[],
                            extra_mail='bounce_address = "bounces+x@example.org"')
        res = self.g.run("check", check=False)
        self.assertEqual(res.returncode, 2)
        self.assertRegex(res.stderr, r"gpalert.toml:\d+:\d+: bad \"bounce_address\" "
                                     r"\"bounces\+x@example.org\": its local part")


if __name__ == "__main__":
    h.main()
