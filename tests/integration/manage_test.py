"""Issue 12, stage 3: the manage link in every digest, through the daemon on loopback.
The link opens the reader's settings as a form (GET changes nothing); a forged token
gets 403; "pause for 2 weeks" stops digests (what arrives meanwhile is not saved up) and
"resume" restarts them; saving changes the schedule and series (bad values are refused
with the reason); "unsubscribe" unsubscribes; a config subscriber sees the settings
read-only, "managed by your administrator", and cannot change them."""

import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

CFG = "cfg@example.org"
READER = "reader@example.org"


def fetch(url, fields=None):
    data = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


class ManageTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.port = h.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.items = []
        self.add_item("First")
        self.g.write_config(
            sources=[{"name": "Feed", "url": self.site.url("/feed.xml")},
                     {"name": "Other", "url": self.site.url("/other.xml")}],
            subscribers=[{"email": CFG}], interval="1s",
            extra_daemon=f'http_listen = "127.0.0.1:{self.port}"',
            extra_mail=f'public_url = "{self.base}"')
        self.publish_feed("/other.xml", [])

    def add_item(self, title):
        self.items.append({"title": title, "link": self.site.url(f"/{title}.html"),
                           "guid": title, "date": h.ago(minutes=5)})
        self.publish_feed("/feed.xml", self.items)

    def to(self, address):
        return [m for m in self.g.maildir_messages() if address in str(m["To"])]

    def manage_link(self, address):
        text = h.text_part(self.to(address)[-1])
        return re.search(r"Change your settings or pause: (\S+)", text).group(1)

    def show(self, address):
        return self.g.run("subscribers", "show", address).stdout

    def test_the_reader_pauses_changes_and_leaves(self):
        self.g.run("subscribers", "add", READER)
        self.daemon()
        h.wait_for(lambda: len(self.to(CFG)) == 1, what="the config subscriber's first digest")
        # READER was added before the daemon's first poll: they get "First" too.
        h.wait_for(lambda: len(self.to(READER)) == 1, what="the reader's first digest")
        html = self.to(READER)[0].get_body(preferencelist=("html",)).get_content()
        self.assertIn("Change your settings</a>", html)
        link = self.manage_link(READER)
        self.assertTrue(link.startswith(self.base + "/manage?email="), link)

        status, page = fetch(link)
        self.assertEqual(status, 200, page)
        self.assertIn('value="immediate" id="d-immediate" checked', page)
        self.assertIn('value="save">Save</button>', page)
        q = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
        self.assertEqual(fetch(link.replace(q["token"][0], "f" * 32))[0], 403)
        self.assertEqual(fetch(link.replace(q["token"][0], "f" * 32), {"action": "pause"})[0],
                         403)
        self.assertNotIn("paused until", self.show(READER))

        status, page = fetch(link, {"action": "pause"})
        self.assertEqual(status, 200, page)
        self.assertIn("Paused until", page)
        self.assertIn("paused until:", self.show(READER))
        self.add_item("Second")
        h.wait_for(lambda: len(self.to(CFG)) == 2, what="a digest pass after the second item")
        self.assertEqual(len(self.to(READER)), 1)

        status, page = fetch(link, {"action": "resume"})
        self.assertEqual(status, 200, page)
        self.assertIn("Resumed", page)
        self.add_item("Third")
        h.wait_for(lambda: len(self.to(READER)) == 2, what="the digest after the pause")
        text = h.text_part(self.to(READER)[1])
        self.assertIn("Third", text)
        self.assertNotIn("Second", text)  # settled during the pause, not saved up

        status, page = fetch(link, {"action": "save", "digest": "daily", "at": "09:30",
                                    "weekday": "monday", "timezone": "Mars/Olympus"})
        self.assertEqual(status, 400)
        self.assertIn("unknown timezone", page)
        status, page = fetch(link, {"action": "save", "digest": "daily", "at": "09:30",
                                    "weekday": "monday", "timezone": "Asia/Kolkata",
                                    "source": "Feed", "keywords": "budget, tax"})
        self.assertEqual(status, 200, page)
        self.assertIn("Saved.", page)
        self.assertIn('value="daily" id="d-daily" checked', page)
        shown = self.show(READER)
        self.assertIn("schedule:       daily at 09:30 (Asia/Kolkata)", shown)
        self.assertIn("sources:        Feed", shown)
        self.assertIn("keywords:       budget, tax", shown)

        status, page = fetch(link, {"action": "unsubscribe"})
        self.assertEqual(status, 200, page)
        self.assertIn("Unsubscribed", page)
        self.assertIn("state:          unsubscribed", self.show(READER))

        # The config subscriber: read-only, managed by the administrator.
        cfg_link = self.manage_link(CFG)
        status, page = fetch(cfg_link)
        self.assertEqual(status, 200, page)
        self.assertIn("managed by your administrator", page)
        self.assertNotIn('value="save"', page)
        self.assertIn(' disabled', page)
        status, page = fetch(cfg_link, {"action": "save", "digest": "weekly"})
        self.assertEqual(status, 403)
        self.assertIn("schedule:       immediate", self.show(CFG))


if __name__ == "__main__":
    h.main()
