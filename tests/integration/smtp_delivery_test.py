"""Mail over real SMTP (aiosmtpd on loopback): a 451 is retried on the next run and the
digest is delivered exactly once; a server that is down keeps the message, which goes
out on the next run; a 550 parks the message with the server's reply."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class SmtpDeliveryTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        s = self.site
        s.set("/feed.xml", h.rss("Feed", [{"title": "Mail me", "link": s.url("/1.html"),
                                           "guid": "1", "date": h.ago(hours=1)}]),
              content_type="application/rss+xml")

    def configure(self, smtp_url):
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml")}],
                            subscribers=[{"email": "reader@example.org"}], smtp=smtp_url)

    def test_a_451_is_retried_on_the_next_run_and_delivered_once(self):
        sink = self.sink(fail_first=1, fail_code=451)
        self.configure(sink.url)
        self.g.once()
        self.assertEqual(sink.attempts, 1)
        self.assertEqual(sink.messages, [])
        out = self.g.sources()
        self.assertIn("1 pending", out)
        self.assertIn("451", out)

        self.g.once()
        self.assertEqual(len(sink.messages), 1)
        rcpts, raw = sink.messages[0]
        self.assertEqual(rcpts, ["reader@example.org"])
        self.assertIn("Mail me", h.text_part(h.parse_message(raw)))

        self.g.once()
        self.assertEqual(len(sink.messages), 1, "delivered once")
        self.assertIn("0 pending, 1 sent", self.g.sources())

    def test_a_server_that_is_down_keeps_the_message_for_the_next_run(self):
        port = h.free_port()  # nothing listens there yet
        self.configure(f"smtp://127.0.0.1:{port}")
        proc = self.g.once()
        self.assertIn("1 digest(s) queued", proc.stdout)
        self.assertIn("1 pending", self.g.sources())

        sink = self.sink(port=port)
        self.g.once()
        self.assertEqual(len(sink.messages), 1)
        self.assertIn("Mail me", h.text_part(h.parse_message(sink.messages[0][1])))

    def test_a_550_parks_the_message_with_the_reply(self):
        sink = self.sink(fail_always=True, fail_code=550)
        self.configure(sink.url)
        self.g.once()
        self.g.once()
        self.assertEqual(sink.attempts, 1, "a parked message is not tried again")
        out = self.g.sources()
        self.assertIn("1 parked", out)
        self.assertIn("550", out)


if __name__ == "__main__":
    h.main()
