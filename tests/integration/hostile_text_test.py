"""Issue 9: text from outside is escaped where gpalert prints it and cleaned where it
mails it. An HTTP reason phrase carrying a terminal escape and a forged log line must
reach the log and `gpalert sources` escaped; a title with U+202E (which reverses what a
reader sees) and zero-width spaces must reach the digest without them."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

ESC = "\x1b"


class HostileTextTest(h.IntegrationCase):
    def test_reason_phrases_are_escaped_in_the_log_and_in_sources(self):
        s = self.site
        s.set("/feed.xml", "gone", status=404, content_type="text/plain",
              reason=f"Not Found{ESC}[31m\r2026-01-01T00:00:00Z error forged")
        self.g.write_config(sources=[{"name": "Bad", "url": s.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        proc = self.g.once(check=False)
        self.assertNotIn(ESC, proc.stderr)
        self.assertIn("\\x1b[31m", proc.stderr)
        self.assertNotIn("\r", proc.stderr)
        listing = self.g.sources()
        self.assertNotIn(ESC, listing)
        self.assertIn("\\x1b[31m", listing)

    def test_bidi_overrides_and_zero_width_characters_do_not_reach_the_mail(self):
        s = self.site
        self.publish_feed("/feed.xml", [{"title": "Invoice \u202egpj.exe\u202c ready\u200b",
                                         "link": s.url("/a.html"), "guid": "a",
                                         "date": h.ago(hours=1)}])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        self.g.once()
        [message] = self.g.maildir_messages()
        text = h.text_part(message)
        self.assertIn("Invoice gpj.exe ready", text)
        for ch in ("\u202e", "\u202c", "\u200b"):
            self.assertNotIn(ch, text)
            html = message.get_body(("html",)).get_content()
            self.assertNotIn(ch, html)


if __name__ == "__main__":
    h.main()
