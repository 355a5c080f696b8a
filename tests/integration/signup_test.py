"""Issue 12, stage 2: double opt-in sign-up served by the daemon, on loopback with a real
SMTP server. GET /subscribe gives the form (with its cookie-bound form token); a post
without it is refused; a sign-up answers "check your inbox" and mails one confirmation
link through the outbox; signing up again within the hour mails nothing; the link's GET
shows a Confirm button and changes nothing; a forged or expired token is refused; the
POST activates the reader, who then gets a digest of new items only; an address that
never confirms gets nothing; 30 sign-ups from one client meet 429. A returning reader
(unsubscribed) who signs up with new settings keeps the stored ones until the link's POST,
which applies the ones the link carries (tampered ones are refused)."""

import hashlib
import hmac
import http.cookiejar
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

READER = "new.reader@example.org"
SILENT = "never.confirms@example.org"
CFG = "cfg@example.org"


class Browser:
    """urllib with a cookie jar: (status, body, headers)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, url, fields=None, headers=None):
        data = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=10) as resp:
                return resp.status, resp.read().decode(), resp.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), e.headers


def form_token(page):
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


class SignupTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.listening_site()
        self.g.write_config(
            sources=[{"name": "Feed", "url": self.site.url("/feed.xml")},
                     {"name": "Other", "url": self.site.url("/other.xml")}],
            subscribers=[{"email": CFG}], smtp=self.sink_.url, interval="1s",
            extra_daemon=f'http_listen = "127.0.0.1:{self.port}"',
            extra_mail=f'public_url = "{self.base}/"\n\n[signup]\nenabled = true\nper_client_per_minute = 8')
        self.publish_feed("/other.xml", [])

    def mails_to(self, address):
        return [m for rcpts, m in zip([r for r, _ in self.sink_.messages], self.sink_.parsed())
                if address in rcpts]

    def healthz_ok(self):
        try:
            return Browser().open(self.base + "/healthz")[0] == 200
        except OSError:
            return False

    def sign_up(self, browser, email, **extra):
        status, page, _ = browser.open(self.base + "/subscribe")
        self.assertEqual(status, 200)
        fields = {"form_token": form_token(page), "email": email, "digest": "immediate",
                  "at": "07:00", "weekday": "monday", "timezone": "UTC"}
        fields.update(extra)
        return browser.open(self.base + "/subscribe", fields)

    def state_of(self, address):
        for line in self.g.run("subscribers", "list").stdout.splitlines():
            if line.startswith(address + " | "):
                return line.split(" | ")[1:3]
        return None

    def test_sign_up_confirm_and_receive_new_items(self):
        self.daemon()
        h.wait_for(self.healthz_ok, what="/healthz")
        h.wait_for(lambda: len(self.mails_to(CFG)) == 1, what="the config subscriber's digest")
        browser = Browser()

        status, page, headers = browser.open(self.base + "/subscribe")
        self.assertEqual(status, 200)
        self.assertIn('<input type="checkbox" name="source" value="Feed"', page)
        self.assertIn("gpalert_form=", headers["Set-Cookie"])
        self.assertIn("script-src 'sha256-", headers["Content-Security-Policy"])
        # No form token, or no cookie: refused.
        status, _, _ = Browser().open(self.base + "/subscribe", {"email": READER})
        self.assertEqual(status, 403)
        status, _, _ = Browser().open(self.base + "/subscribe",
                                      {"email": READER, "form_token": form_token(page)})
        self.assertEqual(status, 403)
        status, page, _ = self.sign_up(browser, "not an address")
        self.assertEqual(status, 400)

        status, page, _ = self.sign_up(browser, READER, source="Feed")
        self.assertEqual(status, 200, page)
        self.assertIn("Check your inbox", page)
        h.wait_for(lambda: len(self.mails_to(READER)) == 1, timeout=15,
                   what="the confirmation mail")
        mail = self.mails_to(READER)[0]
        self.assertEqual(mail["Subject"], "Confirm your subscription")
        self.assertEqual(mail["Auto-Submitted"], "auto-generated")
        self.assertIsNone(mail["List-Unsubscribe"])
        link = re.search(r"(http://\S+/subscribe/confirm\?\S+)", h.text_part(mail)).group(1)
        self.assertEqual(self.state_of(READER), ["self", "pending"])

        # The same address again: the same page, and no second mail within the hour; a
        # config subscriber signing up gets nothing either.
        self.assertIn("Check your inbox", self.sign_up(browser, READER)[1])
        self.assertIn("Check your inbox", self.sign_up(browser, CFG)[1])
        self.assertIn("Check your inbox", self.sign_up(browser, SILENT)[1])
        h.wait_for(lambda: len(self.mails_to(SILENT)) == 1, timeout=15,
                   what="the second address's confirmation")
        time.sleep(1)
        self.assertEqual(len(self.mails_to(READER)), 1)
        self.assertEqual(len(self.mails_to(CFG)), 1)

        # GET shows a button and changes nothing.
        status, page, _ = browser.open(link)
        self.assertEqual(status, 200)
        self.assertIn("<button type=\"submit\">Confirm</button>", page)
        self.assertEqual(self.state_of(READER), ["self", "pending"])
        # Forged and expired tokens.
        q = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
        forged = link.replace(q["token"][0], "0" * 32)
        self.assertEqual(browser.open(forged, {})[0], 403)
        with open(os.path.join(self.g.state, "unsubscribe.key"), "rb") as f:
            key = f.read()
        past = int(time.time()) - 10
        old_token = hmac.new(key, f"confirm\n{READER}\n{past}".encode(),
                             hashlib.sha256).hexdigest()[:32]
        expired = (f"{self.base}/subscribe/confirm?email={urllib.parse.quote(READER)}"
                   f"&expires={past}&token={old_token}")
        status, page, _ = browser.open(expired, {})
        self.assertEqual(status, 410, page)
        self.assertIn("expired", page)
        manage_token = hmac.new(key, f"manage\n{READER}\n{q['expires'][0]}".encode(),
                                hashlib.sha256).hexdigest()[:32]
        self.assertEqual(browser.open(link.replace(q["token"][0], manage_token), {})[0], 403)
        self.assertEqual(self.state_of(READER), ["self", "pending"])

        # POST confirms.
        status, page, _ = browser.open(link, {}, headers={"User-Agent": "SignupTest/1.0"})
        self.assertEqual(status, 200, page)
        self.assertIn("You are subscribed", page)
        self.assertEqual(self.state_of(READER), ["self", "active"])
        shown = self.g.run("subscribers", "show", READER).stdout
        self.assertIn("from 127.0.0.1 (SignupTest/1.0)", shown)
        self.assertIn("sources:        Feed", shown)

        time.sleep(1.1)  # first_seen is in seconds: the next item is after the confirmation
        self.items.append({"title": "New item", "link": self.site.url("/new.html"),
                           "guid": "new", "date": h.ago(minutes=1)})
        self.publish_feed("/feed.xml", self.items)
        h.wait_for(lambda: len(self.mails_to(READER)) == 2, timeout=20,
                   what="the new reader's first digest")
        digest = h.text_part(self.mails_to(READER)[1])
        self.assertIn("New item", digest)
        self.assertNotIn("Old item", digest)
        h.wait_for(lambda: len(self.mails_to(CFG)) == 2, what="the config subscriber's digest")
        self.assertEqual(len(self.mails_to(SILENT)), 1)  # the confirmation only
        self.assertEqual(self.state_of(SILENT), ["self", "pending"])

        # 30 sign-ups from one client: the limit (8 a minute, 7 used) answers 429.
        codes = [self.sign_up(browser, f"flood{i}@example.org")[0] for i in range(30)]
        self.assertGreaterEqual(codes.count(429), 25, codes)
        self.assertEqual(set(codes), {200, 429} if 200 in codes else {429})

    def test_a_returning_reader_keeps_their_settings_until_they_confirm(self):
        back = "back.again@example.org"
        self.g.run("subscribers", "add", back, "--digest", "daily", "--at", "09:00",
                   "--sources", "Feed")
        inbox = h.InboxMaildir(os.path.join(self.tmp, "inbox"))
        inbox.drop(f"From: {back}\nTo: alerts@example.org\nSubject: unsubscribe\n\n")
        self.g.run("inbox", "--maildir", inbox.path)
        self.assertEqual(self.state_of(back), ["admin", "unsubscribed"])

        self.daemon()
        h.wait_for(self.healthz_ok, what="/healthz")
        browser = Browser()
        status, page, _ = self.sign_up(browser, back, digest="weekly", at="18:30",
                                       weekday="friday", timezone="Asia/Kolkata",
                                       source="Other", keywords="budget, tax reform")
        self.assertEqual(status, 200, page)
        h.wait_for(lambda: len(self.mails_to(back)) == 1, timeout=15,
                   what="the returning reader's confirmation")
        link = re.search(r"(http://\S+/subscribe/confirm\?\S+)",
                         h.text_part(self.mails_to(back)[0])).group(1)
        # Until the confirmation, the stored settings are the ones they had.
        shown = self.g.run("subscribers", "show", back).stdout
        self.assertIn("schedule:       daily at 09:00 (UTC)", shown)
        self.assertIn("sources:        Feed", shown)
        self.assertIn("keywords:       none", shown)
        status, page, _ = browser.open(link)
        self.assertEqual(status, 200)
        self.assertIn("weekly on friday at 18:30 (Asia/Kolkata)", page)
        self.assertIn("schedule:       daily at 09:00 (UTC)",
                      self.g.run("subscribers", "show", back).stdout)
        # The link's settings cannot be changed on the way.
        tampered = link.replace("keywords=budget", "keywords=cricket")
        self.assertNotEqual(tampered, link)
        self.assertEqual(browser.open(tampered, {})[0], 403)
        self.assertEqual(self.state_of(back), ["admin", "unsubscribed"])
        # The POST applies them.
        status, page, _ = browser.open(link, {})
        self.assertEqual(status, 200, page)
        self.assertEqual(self.state_of(back)[1], "active")
        shown = self.g.run("subscribers", "show", back).stdout
        self.assertIn("schedule:       weekly on friday at 18:30 (Asia/Kolkata)", shown)
        self.assertIn("sources:        Other", shown)
        self.assertIn("keywords:       budget, tax reform", shown)

    def test_sign_up_needs_http_listen_and_public_url(self):
        self.g.write_config(sources=[], subscribers=[],
                            extra_mail='\n[signup]\nenabled = true')
        res = self.g.run("check", check=False)
        self.assertEqual(res.returncode, 2)
        self.assertRegex(res.stderr, r"gpalert.toml:\d+:\d+: \[signup\] enabled needs \[daemon\] "
                                     r"http_listen")
        self.g.write_config(sources=[], subscribers=[],
                            extra_daemon=f'http_listen = "127.0.0.1:{self.port}"',
                            extra_mail='public_url = "https://x.example/a?b"')
        res = self.g.run("check", check=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn('"public_url" "https://x.example/a?b" must be', res.stderr)


if __name__ == "__main__":
    h.main()
