"""Issue 12, stage 1: subscribers in the store, through the real binary. `subscribers add`
makes an admin-origin subscriber whom `run --once` mails exactly as a config one;
bad settings and config addresses are refused with the reason; `import` without
--confirmed adds pending subscribers who get nothing, with --confirmed active ones;
`export` writes CSV that names origin and state; `list`/`show` print the record; the
daemon's RFC 8058 one-click unsubscribe stops an admin-origin subscriber's mail and
shows as "unsubscribed"; `add` does not re-subscribe them without --resubscribe;
`remove` deletes the record."""

import csv
import io
import os
import re
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

CFG = "cfg@example.org"
ADMIN = "admin-added@example.org"


class SubscribersCliTest(h.IntegrationCase):
    def publish(self, *titles):
        items = [{"title": t, "link": self.site.url(f"/{i}.html"), "guid": t,
                  "date": h.ago(minutes=30 - i)} for i, t in enumerate(titles)]
        self.publish_feed("/feed.xml", items)

    def write_config(self, extra_daemon="", extra_mail=""):
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml"),
                                      "tags": ["news"]}],
                            subscribers=[{"email": CFG}], extra_daemon=extra_daemon,
                            extra_mail=extra_mail)

    def to(self, address):
        return [m for m in self.g.maildir_messages() if address in str(m["To"])]

    def listed(self):
        """address -> the list line's fields."""
        out = self.g.run("subscribers", "list").stdout
        rows = {}
        for line in out.splitlines():
            if " | " in line:
                fields = line.split(" | ")
                rows[fields[0]] = fields
        return rows

    def test_admin_subscribers_get_digests_and_imports_need_consent(self):
        self.write_config()
        self.publish("Old news")
        self.g.once()  # the config subscriber registers; the first item goes to them
        self.assertEqual(len(self.to(CFG)), 1)
        time.sleep(1.1)  # the store's clock is in seconds: "Old news" is from before the add

        bad = self.g.run("subscribers", "add", ADMIN, "--timezone", "Asia/Kolkatta", check=False)
        self.assertEqual(bad.returncode, 2)
        self.assertIn('did you mean "Asia/Kolkata"', bad.stderr)
        bad = self.g.run("subscribers", "add", ADMIN, "--sources", "Fed", check=False)
        self.assertEqual(bad.returncode, 2)
        self.assertIn('unknown source "Fed" (did you mean "Feed"?)', bad.stderr)
        dup = self.g.run("subscribers", "add", CFG.upper(), check=False)
        self.assertEqual(dup.returncode, 2)
        self.assertIn("is a subscriber in", dup.stderr)

        added = self.g.run("subscribers", "add", ADMIN, "--name", "Ada", "--tags", "news")
        self.assertIn(f"added {ADMIN} (immediate)", added.stdout)
        again = self.g.run("subscribers", "add", ADMIN, check=False)
        self.assertEqual(again.returncode, 2)
        self.assertIn("in the list already (admin, active)", again.stderr)

        rows = self.listed()
        self.assertEqual(rows[CFG][1:3], ["config", "active"])
        self.assertEqual(rows[ADMIN][1:4], ["admin", "active", "immediate"])
        self.assertIn("last digest: never", rows[ADMIN])
        shown = self.g.run("subscribers", "show", ADMIN).stdout
        self.assertIn("name:           Ada", shown)
        self.assertIn("tags:           news", shown)
        self.assertIn("gpalert subscribers add (the admin)", shown)

        # Import: one pending (no consent given), then one confirmed.
        pending_csv = os.path.join(self.tmp, "pending.csv")
        with open(pending_csv, "w") as f:
            f.write("Email,Name,Digest,State\r\npending@example.org,\"Doe, Jo\",immediate,active\r\n")
        out = self.g.run("subscribers", "import", pending_csv).stdout
        self.assertIn("1 added (pending: they get nothing until they confirm)", out)
        confirmed_csv = os.path.join(self.tmp, "confirmed.csv")
        with open(confirmed_csv, "w") as f:
            f.write(f"email\nyes@example.org\n{CFG}\npending@example.org\n")
        out = self.g.run("subscribers", "import", confirmed_csv, "--confirmed").stdout
        self.assertIn("1 added (active), 2 already in the list", out)
        broken = os.path.join(self.tmp, "broken.csv")
        with open(broken, "w") as f:
            f.write("email,at\nfine@example.org,07:00\nbad@example.org,7am\nnot-an-address\n")
        res = self.g.run("subscribers", "import", broken, check=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn("broken.csv:3: at \"7am\"", res.stderr)
        self.assertIn("broken.csv:4:", res.stderr)
        self.assertIn("nothing imported (2 bad row(s))", res.stderr)
        self.assertNotIn("fine@example.org", self.listed())

        self.publish("Old news", "Fresh news")
        self.g.once()
        admin_mail = self.to(ADMIN)
        self.assertEqual(len(admin_mail), 1)
        self.assertIn("Fresh news", h.text_part(admin_mail[0]))
        self.assertNotIn("Old news", h.text_part(admin_mail[0]))  # before they were added
        self.assertEqual(len(self.to("yes@example.org")), 1)
        self.assertEqual(self.to("pending@example.org"), [])
        self.assertEqual(len(self.to(CFG)), 2)
        self.assertNotIn("last digest: never", self.listed()[ADMIN])

        exported = self.g.run("subscribers", "export").stdout
        table = {r["email"]: r for r in csv.DictReader(io.StringIO(exported))}
        self.assertEqual(table[ADMIN]["origin"], "admin")
        self.assertEqual(table[ADMIN]["tags"], "news")
        self.assertEqual(table["pending@example.org"]["state"], "pending")
        self.assertEqual(table["pending@example.org"]["name"], "Doe, Jo")
        self.assertEqual(table[CFG]["origin"], "config")
        self.assertRegex(table["yes@example.org"]["consent_at"], r"^\d{4}-\d\d-\d\dT")

        self.assertIn(f"removed {ADMIN}", self.g.run("subscribers", "remove", ADMIN).stdout)
        self.assertNotIn(ADMIN, self.listed())
        refused = self.g.run("subscribers", "remove", CFG, check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("remove its [[subscribers]] entry there", refused.stderr)

    def test_import_can_mail_confirmation_links(self):
        self.publish("First")
        rows = ("email,digest,at,weekday,timezone,sources\n"
                "weekly@example.org,weekly,18:30,friday,Asia/Kolkata,Feed\n"
                "plain@example.org,,,,,\n")
        path = os.path.join(self.tmp, "list.csv")
        with open(path, "w") as f:
            f.write(rows)
        # Without the sign-up pages there is nothing for the links to open: refused.
        self.write_config()
        res = self.g.run("subscribers", "import", path, "--send-confirmations", check=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn("--send-confirmations needs [signup] enabled = true in", res.stderr)
        self.assertIn("nothing imported", res.stderr)
        self.assertNotIn("weekly@example.org", self.g.run("subscribers", "list").stdout)
        res = self.g.run("subscribers", "import", path, "--send-confirmations", "--confirmed",
                         check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("excludes", res.stderr)

        self.write_config(extra_daemon=f'http_listen = "127.0.0.1:{h.free_port()}"',
                          extra_mail='public_url = "https://alerts.example.org"\n\n'
                                     '[signup]\nenabled = true')
        out = self.g.run("subscribers", "import", path, "--send-confirmations").stdout
        self.assertIn("2 added (pending", out)
        self.assertIn("2 confirmation mail(s) queued", out)
        self.assertIn("0 not sent (a confirmation went to them less than an hour ago)", out)
        # Again within the hour: nothing more.
        out = self.g.run("subscribers", "import", path, "--send-confirmations").stdout
        self.assertIn("0 added", out)
        self.assertIn("0 confirmation mail(s) queued", out)
        self.assertIn("2 not sent (a confirmation went to them less than an hour ago)", out)
        self.g.once()
        mails = {str(m["To"]): m for m in self.g.maildir_messages()}
        self.assertEqual(sorted(mails), sorted([CFG, "plain@example.org", "weekly@example.org"]))
        self.assertEqual(mails["weekly@example.org"]["Subject"], "Confirm your subscription")
        link = h.text_part(mails["weekly@example.org"])
        self.assertIn("https://alerts.example.org/subscribe/confirm?email=weekly%40example.org",
                      link)
        self.assertIn("digest=weekly&at=18%3A30&weekday=friday&timezone=Asia%2FKolkata"
                      "&source=Feed", link)
        self.assertEqual(self.listed()["weekly@example.org"][1:3], ["admin", "pending"])

    def test_imported_keywords_confirm_and_a_comma_in_one_is_refused(self):
        port = h.free_port()
        base = f"http://127.0.0.1:{port}"
        self.write_config(extra_daemon=f'http_listen = "127.0.0.1:{port}"',
                          extra_mail=f'public_url = "{base}"\n\n[signup]\nenabled = true')
        self.publish("First")
        path = os.path.join(self.tmp, "keywords.csv")
        with open(path, "w") as f:
            f.write("email,keywords\n"
                    "kw@example.org,budget; tax reform\n"
                    'comma@example.org,"Smith, John; 1,000"\n')
        # A comma inside a keyword is refused, naming the line, the field and the fix.
        res = self.g.run("subscribers", "import", path, "--send-confirmations", check=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn(f'{path}:3: comma@example.org: keywords "Smith, John" has a comma, which '
                      'a keyword cannot hold: separate keywords with ";" in this column '
                      '("Smith; John"), or for one phrase leave the comma out ("Smith John" '
                      "matches the same articles)", res.stderr)
        self.assertIn("nothing imported (1 bad row(s))", res.stderr)
        self.assertNotIn("kw@example.org", self.g.run("subscribers", "list").stdout)
        # `subscribers add` and the config refuse it too.
        res = self.g.run("subscribers", "add", "comma@example.org", "--keywords", "1,000",
                         check=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn('keyword "1,000" has a comma', res.stderr)
        self.assertIn('("1 000" matches the same articles', res.stderr)

        with open(path, "w") as f:
            f.write("email,keywords\nkw@example.org,budget; tax reform\n")
        out = self.g.run("subscribers", "import", path, "--send-confirmations").stdout
        self.assertIn("1 confirmation mail(s) queued", out)
        self.g.once()
        mail = self.to("kw@example.org")[0]
        link = re.search(r"(http://\S+/subscribe/confirm\?\S+)", h.text_part(mail)).group(1)
        self.assertIn("&keywords=budget%2Ctax%20reform&", link)
        proc = self.daemon()

        def post(url):
            req = urllib.request.Request(url, data=b"")
            try:
                with urllib.request.urlopen(req, timeout=5) as resp:
                    return resp.status, resp.read().decode()
            except urllib.error.HTTPError as e:
                return e.code, e.read().decode()
            except OSError:
                return None, ""

        h.wait_for(lambda: post(base + "/healthz")[0] is not None, what="the daemon's pages")
        status, page = post(link)
        self.assertEqual(status, 200, page)
        self.assertIn("You are subscribed", page)
        proc.terminate()
        proc.wait(timeout=20)
        self.assertEqual(self.listed()["kw@example.org"][1:3], ["admin", "active"])
        shown = self.g.run("subscribers", "show", "kw@example.org").stdout
        self.assertRegex(shown, r"keywords: +budget, tax reform")

    def test_one_click_unsubscribe_of_an_admin_subscriber(self):
        port = h.free_port()
        base = f"http://127.0.0.1:{port}"
        self.write_config(extra_daemon=f'http_listen = "127.0.0.1:{port}"',
                          extra_mail=f'unsubscribe_url = "{base}/unsubscribe"')
        self.g.run("subscribers", "add", ADMIN)  # creates the state
        self.publish("First")
        proc = self.daemon()
        h.wait_for(lambda: len(self.to(ADMIN)) == 1, what="the admin subscriber's digest")
        link = re.search(r"<(http[^>]+)>", str(self.to(ADMIN)[0]["List-Unsubscribe"])).group(1)
        req = urllib.request.Request(link, data=b"List-Unsubscribe=One-Click")
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
        with urllib.request.urlopen(req, timeout=5) as resp:
            self.assertEqual(resp.status, 200)
        proc.terminate()
        proc.wait(timeout=20)
        self.assertEqual(self.listed()[ADMIN][2], "unsubscribed")
        self.publish("First", "Second")
        self.g.once()
        self.assertEqual(len(self.to(ADMIN)), 1)
        self.assertEqual(len(self.to(CFG)), 2)
        refused = self.g.run("subscribers", "add", ADMIN, check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("unsubscribed", refused.stderr)
        self.g.run("subscribers", "add", ADMIN, "--resubscribe")
        self.assertEqual(self.listed()[ADMIN][2], "active")


if __name__ == "__main__":
    h.main()
