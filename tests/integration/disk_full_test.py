"""Issue 9: with the state directory on a full (or read-only) filesystem, a feed's batch is rolled back
("database or disk is full"). That must fail the poll and the run (exit 1) without
saving the feed's ETag, so that the next poll, once there is room, fetches the items
again instead of getting 304 and losing them. Needs root to mount a small tmpfs; skipped
with the reason otherwise."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class DiskFullTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        os.makedirs(self.g.state)
        mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", self.g.state],
                               capture_output=True, text=True)
        if mount.returncode != 0:
            self.skipTest(f"cannot mount a tmpfs here: {mount.stderr.strip()}")
        self.addCleanup(subprocess.run, ["umount", "-l", self.g.state])

    def fill_disk(self, where=None, leave=128 * 1024):
        filler = os.path.join(where or self.g.state, "filler")
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)
        # Room to open the database and start, not to record the batch.
        os.truncate(filler, max(0, os.path.getsize(filler) - leave))
        return filler

    def test_a_store_refusal_fails_the_run_and_the_items_come_back_next_time(self):
        s = self.site
        self.publish_feed("/feed.xml", [])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        self.g.once()  # the database exists, the feed is known

        items = [{"title": f"Item {i}", "link": s.url(f"/a/{i}.html"), "guid": f"g{i}",
                  "date": h.ago(hours=1), "summary": "text " * 400} for i in range(400)]
        s.set("/feed.xml", h.rss("Feed", items), content_type="application/rss+xml",
              headers={"ETag": '"v1"'})
        filler = self.fill_disk()
        full = self.g.once(check=False)
        self.assertEqual(full.returncode, 1, full.stdout + full.stderr)
        self.assertIn("full", full.stderr)

        os.remove(filler)
        again = self.g.once()
        self.assertIn("400 new article(s)", again.stdout)
        lines = {line.split(" | ")[0]: line for line in self.g.sources().splitlines()}
        self.assertIn("200 OK, 400 new", lines["Feed"])
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 2)  # 400 articles: two parts of at most 200
        text = "".join(h.text_part(m) for m in messages)
        self.assertIn("Item 0\n", text)
        self.assertIn("Item 399", text)

    def test_a_state_dir_that_becomes_read_only_fails_the_run_and_loses_nothing(self):
        s = self.site
        self.publish_feed("/feed.xml", [])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        self.g.once()
        items = [{"title": f"Item {i}", "link": s.url(f"/a/{i}.html"), "guid": f"g{i}",
                  "date": h.ago(hours=1)} for i in range(5)]
        s.set("/feed.xml", h.rss("Feed", items), content_type="application/rss+xml",
              headers={"ETag": '"v1"'})
        subprocess.run(["mount", "-o", "remount,ro", self.g.state], check=True)
        try:
            ro = self.g.once(check=False)
        finally:
            subprocess.run(["mount", "-o", "remount,rw", self.g.state], check=True)
        self.assertEqual(ro.returncode, 1, ro.stdout + ro.stderr)
        self.assertIn(self.g.state, ro.stderr)  # the error names the state it could not use
        again = self.g.once()
        self.assertIn("5 new article(s)", again.stdout)
        self.assertEqual(len(self.g.maildir_messages()), 1)

    def test_a_full_maildir_keeps_the_message_due_until_there_is_room(self):
        # The Maildir on its own full filesystem, the database with room: the message
        # cannot be written, stays pending (not sent, not parked) and goes out, once,
        # when there is room again.
        s = self.site
        self.publish_feed("/feed.xml", [{"title": "The article", "link": s.url("/a.html"),
                                         "guid": "a", "date": h.ago(hours=1)}])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        maildir = os.path.join(self.g.state, "maildir")
        os.makedirs(maildir)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", maildir], check=True)
        self.addCleanup(subprocess.run, ["umount", "-l", maildir])
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub))
        filler = self.fill_disk(maildir, leave=0)

        full = self.g.once(check=False)
        self.assertIn("No space left on device", full.stderr)
        self.assertIn("1 pending", self.g.sources())
        self.assertEqual(self.g.maildir_messages(), [])

        os.remove(filler)
        again = self.g.once()
        self.assertIn("1 sent", again.stdout)
        messages = self.g.maildir_messages()
        self.assertEqual(len(messages), 1)
        self.assertIn("The article", h.text_part(messages[0]))
        self.assertIn("0 pending", self.g.sources())


if __name__ == "__main__":
    h.main()
