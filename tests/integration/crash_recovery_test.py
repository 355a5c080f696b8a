"""kill -9 in the middle of a run, then a rerun: no digest is lost, and none is
duplicated beyond the one that was in flight to the SMTP server when the process died
(that one carries the same Message-ID, so mail clients fold it)."""

import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class CrashRecoveryTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        s = self.site
        s.set("/feed.xml", h.rss("Feed", [{"title": f"Item {i}", "link": s.url(f"/{i}.html"),
                                           "guid": str(i), "date": h.ago(hours=i)}
                                          for i in range(1, 4)]),
              content_type="application/rss+xml")

    def start_once(self):
        proc = subprocess.Popen([self.g.binary, "run", "--once", "--config", self.g.config],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        return proc

    def test_killed_while_polling_then_rerun_sends_one_digest(self):
        self.site.set("/slow.xml", h.rss("Slow", [{"title": "Slow item", "guid": "s",
                                                   "link": self.site.url("/s.html"),
                                                   "date": h.ago(hours=2)}]),
                      content_type="application/rss+xml", delay=3)
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml")},
                                     {"name": "Slow", "url": self.site.url("/slow.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        proc = self.start_once()
        h.wait_for(lambda: self.site.count("/slow.xml") >= 1 and self.site.count("/feed.xml") >= 1,
                   what="both fetches started")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        self.assertEqual(self.g.maildir_messages(), [])

        self.site.set("/slow.xml", h.rss("Slow", [{"title": "Slow item", "guid": "s",
                                                   "link": self.site.url("/s.html"),
                                                   "date": h.ago(hours=2)}]),
                      content_type="application/rss+xml")
        self.g.once()
        self.g.once()
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        text = h.text_part(messages[0])
        for title in ("Item 1", "Item 2", "Item 3", "Slow item"):
            self.assertEqual(text.count(title), 1, title)

    def test_killed_while_sending_then_rerun_delivers_without_loss(self):
        slow = self.sink(delay=3)
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml")}],
                            subscribers=[{"email": "a@example.org"}, {"email": "b@example.org"}],
                            smtp=slow.url)
        proc = self.start_once()
        h.wait_for(lambda: slow.attempts >= 1, what="the first message in flight")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        # The in-flight message may or may not have reached the server (aiosmtpd drops a
        # transaction whose client died); either way it is still pending in the outbox.
        time.sleep(3.5)
        in_flight = slow.parsed()
        self.assertLessEqual(len(in_flight), 1)

        fast = self.sink(port=0)
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml")}],
                            subscribers=[{"email": "a@example.org"}, {"email": "b@example.org"}],
                            smtp=fast.url)
        self.g.once()
        self.g.once()
        delivered = in_flight + fast.parsed()
        recipients = sorted(m["To"].addresses[0].addr_spec for m in delivered)
        # Both subscribers got their digest; at most the in-flight one came twice.
        self.assertIn("a@example.org", recipients)
        self.assertIn("b@example.org", recipients)
        self.assertLessEqual(len(delivered), 3)
        by_id = {}
        for m in delivered:
            by_id.setdefault(m["Message-ID"], []).append(m)
        self.assertEqual(len(by_id), 2, "one Message-ID per subscriber's digest")
        for copies in by_id.values():
            if len(copies) == 2:
                self.assertEqual(copies[0]["Message-ID"], in_flight[0]["Message-ID"])
        # And a further run sends nothing more.
        before = len(fast.messages)
        self.g.once()
        self.assertEqual(len(fast.messages), before)


if __name__ == "__main__":
    h.main()
