"""A bad source affects that source alone: feeds answering 404, 500 and garbage sit
beside a good feed; the good feed's digest goes out, the run exits 0 (1 when every
source failed), and
`gpalert sources` says in words why each bad one failed."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class SourceFaultsTest(h.IntegrationCase):
    def test_bad_sources_fail_alone_and_say_why(self):
        s = self.site
        s.set("/good.xml", h.rss("Good", [{"title": "A good item", "link": s.url("/good/1.html"),
                                            "guid": "g1", "date": h.ago(hours=1)}]),
              content_type="application/rss+xml")
        s.set("/boom.xml", "internal error", status=500, content_type="text/plain")
        s.set("/garbage.xml", b"\x00\xff\xfe garbage <<<< not a feed", content_type="application/rss+xml")
        # /missing.xml is not served: 404.
        self.g.write_config(
            sources=[{"name": "Missing", "url": s.url("/missing.xml")},
                     {"name": "Broken", "url": s.url("/boom.xml")},
                     {"name": "Good", "url": s.url("/good.xml")},
                     {"name": "Garbage", "url": s.url("/garbage.xml")}],
            subscribers=[{"email": "all@example.org"}])
        proc = self.g.once()
        self.assertIn("polled 4 source(s), 3 failed", proc.stdout)

        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        self.assertIn("A good item", h.text_part(messages[0]))

        lines = {line.split(" | ")[0]: line for line in self.g.sources().splitlines()}
        self.assertIn("200 OK, 1 new", lines["Good"])
        self.assertIn("failures: 0", lines["Good"])
        self.assertIn("404", lines["Missing"])
        self.assertIn("failures: 1", lines["Missing"])
        self.assertIn("500", lines["Broken"])
        self.assertIn("not a feed", lines["Garbage"])
        for name in ("Missing", "Broken", "Garbage"):
            self.assertIn("last error:", lines[name])
            self.assertIn("next poll:", lines[name])

        # The failing sources keep failing on the next run (their count grows) and the
        # good one stays good; nothing more is mailed.
        self.g.once()
        lines = {line.split(" | ")[0]: line for line in self.g.sources().splitlines()}
        self.assertIn("failures: 2", lines["Broken"])
        self.assertIn("failures: 0", lines["Good"])
        self.assertEqual(len(self.g.maildir_messages()), 1)

    def test_a_round_in_which_every_source_fails_exits_1(self):
        s = self.site
        s.set("/boom.xml", "internal error", status=500, content_type="text/plain")
        self.g.write_config(sources=[{"name": "Missing", "url": s.url("/missing.xml")},
                                     {"name": "Broken", "url": s.url("/boom.xml")}],
                            subscribers=[{"email": "all@example.org"}])
        proc = self.g.run("run", "--once", check=False)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("polled 2 source(s), 2 failed", proc.stdout)
        self.assertIn("every source polled failed (2 of 2)", proc.stderr)
        self.assertIn(s.url("/boom.xml"), proc.stderr)
        # One good source is enough for the round to have done its job.
        self.publish_feed("/good.xml", [{"title": "Good", "link": s.url("/g.html"), "guid": "g",
                                         "date": h.ago(hours=1)}])
        self.g.write_config(sources=[{"name": "Broken", "url": s.url("/boom.xml")},
                                     {"name": "Good", "url": s.url("/good.xml")}],
                            subscribers=[{"email": "all@example.org"}])
        self.assertEqual(self.g.run("run", "--once", check=False).returncode, 0)

    def test_a_permanent_redirect_is_followed_and_shown_to_the_admin(self):
        s = self.site
        self.publish_feed("/new/feed.xml", [{"title": "Moved item", "link": s.url("/m.html"),
                                             "guid": "m", "date": h.ago(hours=1)}])
        s.set("/old/feed.xml", "", status=301, headers={"Location": s.url("/new/feed.xml")})
        self.g.write_config(sources=[{"name": "Moved", "url": s.url("/old/feed.xml")}],
                            subscribers=[{"email": "all@example.org"}])
        self.g.once()
        self.assertIn("Moved item", h.text_part(self.g.maildir_messages()[0]))
        line = self.g.sources().splitlines()[0]
        self.assertIn("200 OK, 1 new", line)
        self.assertIn(f"moved permanently to {s.url('/new/feed.xml')}", line)

    def test_an_unwritable_state_dir_is_a_runtime_failure(self):
        blocker = os.path.join(self.tmp, "file")
        with open(blocker, "w") as f:
            f.write("not a directory")
        self.g.state = os.path.join(blocker, "state")
        self.g.write_config(sources=[], subscribers=[])
        proc = self.g.once(check=False)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("state", proc.stderr)

    def test_a_bad_config_is_a_usage_error_with_its_location(self):
        with open(self.g.config, "w") as f:
            f.write("[daemon]\nstate_dir = \"x\"\npoll_intervl = \"5m\"\n")
        proc = self.g.once(check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(f"{self.g.config}:3:", proc.stderr)


if __name__ == "__main__":
    h.main()
