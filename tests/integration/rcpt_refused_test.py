"""Issue 12: an SMTP 5xx at RCPT time that says the mailbox does not exist (5.1.1)
marks the subscriber bouncing: the message is parked and no later digest is drafted for
them, while another subscriber on the same server keeps getting digests. A policy
refusal (550 5.7.1) parks the message but leaves the subscriber active."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

DEAD = "dead@example.net"
PICKY = "picky@example.net"
ALIVE = "alive@example.org"


class RcptSink:
    """aiosmtpd refusing DEAD at RCPT with 5.1.1 and PICKY with 5.7.1."""

    def __init__(self):
        from aiosmtpd.controller import Controller
        self.messages = []
        sink = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address == DEAD:
                    return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
                if address == PICKY:
                    return "550 5.7.1 Message rejected by policy"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                sink.messages.append((envelope.rcpt_tos, envelope.content))
                return "250 OK"

        self.port = h.free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.url = f"smtp://127.0.0.1:{self.port}"

    def stop(self):
        self.controller.stop()


class RcptRefusedTest(h.IntegrationCase):
    def test_a_dead_mailbox_stops_its_digests(self):
        sink = RcptSink()
        self.sinks.append(sink)
        items = [{"title": "First", "link": self.site.url("/1.html"), "guid": "1",
                  "date": h.ago(minutes=5)}]
        self.publish_feed("/feed.xml", items)
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml")}],
                            subscribers=[{"email": DEAD}, {"email": PICKY}, {"email": ALIVE}],
                            smtp=sink.url)
        out = self.g.once().stdout
        self.assertIn("1 sent", out)
        self.assertIn("2 parked", out)
        listed = self.g.run("subscribers", "list").stdout
        self.assertIn(f"{DEAD} | config | bouncing", listed)
        self.assertIn(f"{PICKY} | config | active", listed)
        self.assertIn("5.1.1", self.g.run("subscribers", "show", DEAD).stdout + listed +
                      self.g.run("outbox", "list").stdout)

        items.append({"title": "Second", "link": self.site.url("/2.html"), "guid": "2",
                      "date": h.ago(minutes=1)})
        self.publish_feed("/feed.xml", items)
        out = self.g.once().stdout
        self.assertIn("2 digest(s) queued", out)  # PICKY's and ALIVE's, not DEAD's
        self.assertEqual(sum(1 for rcpts, _ in sink.messages if ALIVE in rcpts), 2)


if __name__ == "__main__":
    h.main()
