"""The daemon under real signals: SIGHUP with a broken config is refused (logged with
FILE:LINE:COL) and the old config keeps polling and mailing; SIGHUP with a good config
adds a source; SIGTERM stops cleanly, even with a fetch in flight, and the state stays
usable."""

import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class DaemonSignalsTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.items = [{"title": "First item", "link": self.site.url("/1.html"), "guid": "1",
                       "date": h.ago(hours=1)}]
        self.publish()
        self.sources = [{"name": "Feed", "url": self.site.url("/feed.xml"), "interval": "1s"}]
        self.g.write_config(sources=self.sources, subscribers=[{"email": "r@example.org"}])

    def publish(self):
        self.site.set("/feed.xml", h.rss("Feed", self.items), content_type="application/rss+xml")

    def digest_texts(self):
        return [h.text_part(m) for m in self.g.maildir_messages()]

    def test_sighup_with_an_include_symlink_loop_is_refused_and_the_daemon_lives(self):
        # Issue 9: an include matching a symlink loop threw std::filesystem_error out of
        # the reload and killed the daemon.
        proc = self.daemon()
        h.wait_for(lambda: len(self.g.maildir_messages()) == 1, what="the first digest")
        os.symlink("loop2.toml", os.path.join(self.tmp, "loop1.toml"))
        os.symlink("loop1.toml", os.path.join(self.tmp, "loop2.toml"))
        good = open(self.g.config).read()
        with open(self.g.config, "w") as f:
            f.write('include = ["loop*.toml"]\n' + good)
        proc.send_signal(signal.SIGHUP)
        h.wait_for(lambda: "reload refused" in self.g.daemon_log(), what="the refusal in the log")
        self.assertIn("Too many levels of symbolic links", self.g.daemon_log())
        self.items.insert(0, {"title": "After the loop", "link": self.site.url("/3.html"),
                              "guid": "3", "date": h.ago(minutes=1)})
        self.publish()
        h.wait_for(lambda: len(self.g.maildir_messages()) == 2, what="the second digest")
        self.assertIsNone(proc.poll())

    def test_sighup_with_a_broken_config_keeps_the_old_one_running(self):
        proc = self.daemon()
        h.wait_for(lambda: len(self.g.maildir_messages()) == 1, what="the first digest")

        good = open(self.g.config).read()
        with open(self.g.config, "w") as f:
            f.write(good + "\n[[sources]]\nname = \"Bad\"\nurl = 12\n")
        proc.send_signal(signal.SIGHUP)
        h.wait_for(lambda: "reload refused" in self.g.daemon_log(), what="the refusal in the log")
        self.assertRegex(self.g.daemon_log(), rf"{self.g.config}:\d+:\d+")

        # Still polling with the old config: a new item is mailed.
        self.items.insert(0, {"title": "Second item", "link": self.site.url("/2.html"),
                              "guid": "2", "date": h.ago(minutes=1)})
        self.publish()
        h.wait_for(lambda: len(self.g.maildir_messages()) == 2, what="the second digest")
        self.assertIn("Second item", self.digest_texts()[-1])
        self.assertIsNone(proc.poll())

        # A good edit takes effect: the new source is polled.
        self.site.set("/other.xml", h.rss("Other", [{"title": "From the other feed", "guid": "o1",
                                                    "link": self.site.url("/o1.html"),
                                                    "date": h.ago(minutes=2)}]),
                      content_type="application/rss+xml")
        self.sources.append({"name": "Other", "url": self.site.url("/other.xml")})
        self.g.write_config(sources=self.sources, subscribers=[{"email": "r@example.org"}])
        proc.send_signal(signal.SIGHUP)
        h.wait_for(lambda: any("From the other feed" in t for t in self.digest_texts()),
                   what="a digest from the added source")

        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=15), 0)

    def test_sighup_names_the_settings_that_wait_for_a_restart(self):
        proc = self.daemon()
        h.wait_for(lambda: len(self.g.maildir_messages()) == 1, what="the first digest")
        self.g.write_config(sources=self.sources, subscribers=[{"email": "r@example.org"}],
                            extra_daemon='concurrency = 7\nuser_agent = "other/1.0"',
                            extra="[dedup]\nthreshold = 0.9\n")
        proc.send_signal(signal.SIGHUP)
        h.wait_for(lambda: "configuration reloaded" in self.g.daemon_log(), what="the reload")
        log = self.g.daemon_log()
        self.assertRegex(log, r"reload: \[daemon\] user_agent, \[daemon\] concurrency changed in "
                         + self.g.config)
        self.assertNotIn("threshold", log.split("reload:", 1)[1].splitlines()[0])
        self.assertIsNone(proc.poll())
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=15), 0)

    def test_sighup_can_move_mail_from_the_maildir_to_smtp(self):
        proc = self.daemon()
        h.wait_for(lambda: len(self.g.maildir_messages()) == 1, what="the first digest")
        sink = self.sink()
        self.g.write_config(sources=self.sources, subscribers=[{"email": "r@example.org"}],
                            smtp=sink.url)
        proc.send_signal(signal.SIGHUP)
        h.wait_for(lambda: "mail now goes via SMTP" in self.g.daemon_log(), what="the switch")
        self.items.insert(0, {"title": "Over SMTP", "link": self.site.url("/3.html"),
                              "guid": "3", "date": h.ago(minutes=1)})
        self.publish()
        h.wait_for(lambda: len(sink.messages) == 1, what="a digest over SMTP")
        self.assertIn("Over SMTP", h.text_part(sink.parsed()[0]))
        self.assertEqual(len(self.g.maildir_messages()), 1)
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=15), 0)

    def test_sigterm_stops_cleanly_with_a_fetch_in_flight(self):
        self.site.set("/slow.xml", h.rss("Slow", []), content_type="application/rss+xml", delay=4)
        self.sources.append({"name": "Slow", "url": self.site.url("/slow.xml")})
        self.g.write_config(sources=self.sources, subscribers=[{"email": "r@example.org"}])
        proc = self.daemon()
        h.wait_for(lambda: self.site.count("/slow.xml") >= 1 and len(self.g.maildir_messages()) == 1,
                   what="a poll in flight")
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=15), 0)
        self.assertLess(time.monotonic() - started, 3.5, "the slow fetch was abandoned, not awaited")
        self.assertIn("stopped", self.g.daemon_log())

        # The state is intact: a rerun works and sends nothing twice.
        self.site.set("/slow.xml", h.rss("Slow", []), content_type="application/rss+xml")
        self.g.once()
        self.assertEqual(len(self.g.maildir_messages()), 1)
        out = self.g.sources()
        self.assertIn("Slow | last poll:", out)

    def test_sigint_stops_an_idle_daemon(self):
        proc = self.daemon()
        h.wait_for(lambda: len(self.g.maildir_messages()) == 1, what="the first digest")
        proc.send_signal(signal.SIGINT)
        self.assertEqual(proc.wait(timeout=15), 0)


if __name__ == "__main__":
    h.main()
