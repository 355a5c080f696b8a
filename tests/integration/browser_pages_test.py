"""Issue 12 in a real browser: Debian's chromium, headless, driven by python3-selenium
through chromium-driver, against the daemon on loopback with a real SMTP server. It fills
in the sign-up form (the time zone field comes from the browser: the browser runs with
TZ=Europe/Berlin), follows the mailed confirmation link, presses Confirm, and on the
manage page from the reader's first digest changes the schedule. Each page is checked
at 375 and 1024 px wide (nothing wider than the window) and saved as a screenshot under
<build>/screenshots/. Skipped when chromium, chromium-driver or python3-selenium is
missing (scripts/install-deps installs them)."""

import os
import re
import shutil
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    HAVE_SELENIUM = True
except ImportError:
    HAVE_SELENIUM = False

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
READER = "browser.reader@example.org"
WIDTHS = (375, 1024)


@unittest.skipUnless(HAVE_SELENIUM and os.path.exists(CHROMEDRIVER) and shutil.which("chromium"),
                     "needs chromium, chromium-driver and python3-selenium")
class BrowserPagesTest(h.IntegrationCase):
    def setUp(self):
        super().setUp()
        self.shots = os.path.join(os.path.dirname(os.path.abspath(self.binary)), "screenshots")
        os.makedirs(self.shots, exist_ok=True)
        self.listening_site()
        self.g.write_config(
            sources=[{"name": "Pakistan Reader", "url": self.site.url("/feed.xml"),
                      "tags": ["pakistan"]}],
            subscribers=[], smtp=self.sink_.url, interval="1s",
            extra_daemon=f'http_listen = "127.0.0.1:{self.port}"',
            extra_mail=f'public_url = "{self.base}"\n\n[signup]\nenabled = true')
        options = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    f"--user-data-dir={os.path.join(self.tmp, 'chromium')}"):
            options.add_argument(arg)
        env = dict(os.environ, TZ="Europe/Berlin")
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER, env=env), options=options)
        self.driver.set_page_load_timeout(20)

    def tearDown(self):
        self.driver.quit()
        super().tearDown()

    def mails_to(self, address):
        return [self.sink_.parsed()[i] for i, (rcpts, _) in enumerate(self.sink_.messages)
                if address in rcpts]

    def check_and_shoot(self, name):
        """At each width: nothing overflows sideways; a screenshot is saved."""
        for width in WIDTHS:
            self.driver.set_window_size(width, 900)
            time.sleep(0.2)
            overflow = self.driver.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth;")
            self.assertLessEqual(overflow, 0, f"{name} at {width}px is {overflow}px too wide")
            path = os.path.join(self.shots, f"{name}-{width}.png")
            self.driver.save_screenshot(path)
            self.assertGreater(os.path.getsize(path), 1000)
            print(f"screenshot: {path}", file=sys.stderr)

    def test_sign_up_confirm_and_manage_in_chromium(self):
        self.daemon()
        h.wait_for(lambda: os.path.exists(os.path.join(self.g.state, "gpalert.db")),
                   what="the daemon's state")
        d = self.driver
        h.wait_for(lambda: self.try_get(self.base + "/subscribe"), what="the sign-up form")
        self.assertEqual(d.title, "Subscribe to GP alerts")
        self.assertEqual(d.find_element(By.ID, "timezone").get_attribute("value"), "Europe/Berlin")
        self.check_and_shoot("signup-form")
        d.set_window_size(1024, 900)
        d.find_element(By.ID, "email").send_keys(READER)
        d.find_element(By.ID, "source-0").click()
        d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        h.wait_for(lambda: "Check your inbox" in d.page_source, what="the check-your-inbox page")
        self.check_and_shoot("signup-sent")

        h.wait_for(lambda: len(self.mails_to(READER)) == 1, timeout=20,
                   what="the confirmation mail")
        link = re.search(r"(http://\S+/subscribe/confirm\?\S+)",
                         h.text_part(self.mails_to(READER)[0])).group(1)
        d.get(link)
        self.assertIn("Confirm your subscription", d.page_source)
        self.assertIn("(immediate)", d.page_source)
        self.check_and_shoot("confirm")
        d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        h.wait_for(lambda: "You are subscribed" in d.page_source, what="the confirmed page")
        self.check_and_shoot("confirmed")
        shown = self.g.run("subscribers", "show", READER).stdout
        self.assertIn("state:          active", shown)
        self.assertIn("HeadlessChrome", shown)  # the consent record's user agent

        # The reader's first digest (new items only) carries the manage link.
        time.sleep(1.1)  # first_seen is in seconds: the new item is after the confirmation
        self.items.append({"title": "New item", "link": self.site.url("/new.html"),
                           "guid": "new", "date": h.ago(minutes=1)})
        self.publish_feed("/feed.xml", self.items)
        h.wait_for(lambda: len(self.mails_to(READER)) == 2, timeout=20, what="the first digest")
        digest = h.text_part(self.mails_to(READER)[1])
        self.assertIn("New item", digest)
        self.assertNotIn("Old item", digest)
        manage = re.search(r"Change your settings or pause: (\S+)", digest).group(1)
        d.get(manage)
        self.assertEqual(d.title, "Your GP alerts")
        self.assertTrue(d.find_element(By.ID, "source-0").is_selected())
        self.check_and_shoot("manage")
        d.set_window_size(1024, 900)
        d.find_element(By.ID, "d-weekly").click()
        d.find_element(By.CSS_SELECTOR, "button[value=save]").click()
        h.wait_for(lambda: "Saved." in d.page_source, what="the saved page")
        self.check_and_shoot("manage-saved")
        self.assertIn("schedule:       weekly on monday at 07:00 (Europe/Berlin)",
                      self.g.run("subscribers", "show", READER).stdout)
        d.find_element(By.CSS_SELECTOR, "button[value=unsubscribe]").click()
        h.wait_for(lambda: "Unsubscribed" in d.page_source, what="the unsubscribed page")
        self.check_and_shoot("manage-unsubscribed")
        self.assertIn("state:          unsubscribed",
                      self.g.run("subscribers", "show", READER).stdout)

    def try_get(self, url):
        try:
            self.driver.get(url)
            return "Subscribe" in self.driver.title
        except Exception:  # noqa: BLE001 - not up yet
            return False


if __name__ == "__main__":
    h.main()
