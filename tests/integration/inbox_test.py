"""Issue 12, stage 4: `gpalert inbox --maildir DIR` on a real Maildir. A DSN (RFC 3464)
for a subscriber counts a hard bounce; a second one within 14 days marks them bouncing
and `run --once` mails them no more while others still get digests; "subscribe" mailed
to the list address starts a confirmation (queued through the outbox); "unsubscribe"
unsubscribes its sender; every processed message moves to cur/ with the Seen flag; one
too large to read is left in new/ and reported (exit 1)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

CFG = "cfg@example.org"
ADMIN = "dead.box@example.net"
NEWCOMER = "newcomer@example.com"

DSN = """From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: bounces@example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B{n}"

--B{n}
Content-Type: text/plain

This is the mail system at host mx.example.net. I'm sorry to inform you...

--B{n}
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
Arrival-Date: Tue,  1 Dec 2026 18:00:00 +0000

Final-Recipient: rfc822; {rcpt}
Original-Recipient: rfc822;{rcpt}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown

--B{n}--
"""


class InboxTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.items = []
        self.add_item("First")
        port = h.free_port()
        self.g.write_config(
            sources=[{"name": "Feed", "url": self.site.url("/feed.xml")}],
            subscribers=[{"email": CFG}],
            extra_daemon=f'http_listen = "127.0.0.1:{port}"',
            extra_mail=f'public_url = "https://alerts.example.org"\n\n[signup]\nenabled = true')
        self.maildir = h.InboxMaildir(os.path.join(self.tmp, "inbox"))
        self.inbox = self.maildir.path

    def add_item(self, title):
        self.items.append({"title": title, "link": self.site.url(f"/{title}.html"),
                           "guid": title, "date": h.ago(minutes=5)})
        self.publish_feed("/feed.xml", self.items)

    def drop(self, text):
        return self.maildir.drop(text)

    def to(self, address):
        return [m for m in self.g.maildir_messages() if address in str(m["To"])]

    def states(self):
        out = {}
        for line in self.g.run("subscribers", "list").stdout.splitlines():
            if " | " in line:
                f = line.split(" | ")
                out[f[0]] = f[1:3]
        return out

    def test_bounces_stop_digests_and_requests_are_acted_on(self):
        self.g.run("subscribers", "add", ADMIN)
        self.g.once()
        self.assertEqual(len(self.to(ADMIN)), 1)
        self.assertEqual(len(self.to(CFG)), 1)

        first = self.drop(DSN.format(n=1, rcpt=ADMIN))
        out = self.g.run("inbox", "--maildir", self.inbox).stdout
        self.assertIn(f"hard bounce of {ADMIN} (5.1.1; 1 hard, 0 soft in 14 days)", out)
        self.assertIn("1 message(s) processed, 0 left in new/", out)
        self.assertEqual(os.listdir(os.path.join(self.inbox, "new")), [])
        self.assertIn(first + ":2,S", os.listdir(os.path.join(self.inbox, "cur")))
        self.assertEqual(self.states()[ADMIN], ["admin", "active"])

        self.drop(DSN.format(n=2, rcpt=ADMIN))
        out = self.g.run("inbox", "--maildir", self.inbox).stdout
        self.assertIn("2 hard, 0 soft in 14 days): now bouncing, digests stopped", out)
        self.assertEqual(self.states()[ADMIN], ["admin", "bouncing"])

        self.add_item("Second")
        self.g.once()
        self.assertEqual(len(self.to(ADMIN)), 1)
        self.assertEqual(len(self.to(CFG)), 2)

        # Requests mailed to the list address.
        self.drop(f"From: A Newcomer <{NEWCOMER}>\nTo: alerts@example.org\nSubject: subscribe\n\n"
                  "Please add me.\n")
        self.drop(f"From: {CFG}\nTo: alerts@example.org\nSubject: unsubscribe {CFG}\n\n")
        self.drop("From: someone@example.com\nSubject: Thanks for the digest\n\nGreat work.\n")
        out = self.g.run("inbox", "--maildir", self.inbox).stdout
        self.assertIn(f"a subscribe request from {NEWCOMER}: confirmation mail queued", out)
        self.assertIn(f"{CFG} unsubscribed (mail request)", out)
        self.assertIn("not a bounce or a request", out)
        self.assertIn("3 message(s) processed", out)
        self.assertEqual(self.states()[NEWCOMER], ["self", "pending"])
        self.assertEqual(self.states()[CFG], ["config", "unsubscribed"])
        self.g.once()  # sends the queued confirmation
        confirmation = self.to(NEWCOMER)
        self.assertEqual(len(confirmation), 1)
        self.assertEqual(confirmation[0]["Subject"], "Confirm your subscription")
        self.assertIn("https://alerts.example.org/subscribe/confirm?email=newcomer%40example.com",
                      h.text_part(confirmation[0]))
        self.assertEqual(len(self.to(CFG)), 2)
        self.assertEqual(len(os.listdir(os.path.join(self.inbox, "cur"))), 5)

        big = self.drop("From: x@example.com\nSubject: big\n\n" + "x" * (11 << 20))
        res = self.g.run("inbox", "--maildir", self.inbox, check=False)
        self.assertEqual(res.returncode, 1)
        self.assertIn(f"{big}: left in new/: larger than 10 MB", res.stdout)
        self.assertEqual(os.listdir(os.path.join(self.inbox, "new")), [big])
        bad = self.g.run("inbox", "--maildir", os.path.join(self.tmp, "nothere"), check=False)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("is not a Maildir", bad.stderr)


if __name__ == "__main__":
    h.main()
