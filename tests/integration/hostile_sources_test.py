"""Issue 9's containment test: one `gpalert run --once` over five sources — an ordinary
feed, a fetch_full feed whose pages are misnested formatting elements with distinct
attributes, a listing whose one link is 200 KB long under a backtracking-prone
link_pattern, a feed with 100,000 items, and a server that sends an endless chunked
body — exits normally within a minute and under 512 MB, mails the ordinary feed's
article, and `gpalert sources` says what each source did."""

import http.server
import os
import resource
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class EndlessChunks:
    """An HTTP server whose one answer is a chunked body that never ends."""

    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<item><title>x</title></item>" * 2000
                try:
                    while True:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class HostileSourcesTest(h.IntegrationCase):
    def test_five_sources_one_of_them_ordinary(self):
        s = self.site
        endless = EndlessChunks()
        self.addCleanup(endless.close)
        self.publish_feed("/ordinary.xml", [{"title": "The ordinary article",
                                             "link": s.url("/ordinary.html"), "guid": "o",
                                             "date": h.ago(hours=1)}])
        pages = []
        for i in range(3):
            # Each page's own words: identical pages would be one article (content hash).
            misnested = "".join(f"<b id={j}><p>x{i}y{j}" for j in range(4000))
            s.set(f"/misnested/{i}.html", f"<html><body>{misnested}</body></html>")
            pages.append({"title": f"Misnested {i}", "link": s.url(f"/misnested/{i}.html"),
                          "guid": f"m{i}", "date": h.ago(hours=1)})
        # A fourth page is over the page budget this test configures (100,000 nodes): it
        # fails alone, its item is kept from the feed, and the source's status says why.
        s.set("/misnested/complex.html",
              "<html><body>" + "<i>a</i>" * 80000 + "</body></html>")
        pages.append({"title": "Too complex", "link": s.url("/misnested/complex.html"),
                      "guid": "m-complex", "date": h.ago(hours=1)})
        self.publish_feed("/misnested.xml", pages)
        huge = "/view_articles.php?x=" + "a" * (200 * 1024) + "&recordNo=1"
        s.set("/listing.html", f'<html><body><a href="{huge}">A huge link</a></body></html>')
        items = "".join(f"<item><title>n{i}</title><link>{s.url('/n/%d' % i)}</link></item>"
                        for i in range(100000))
        s.set("/big.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
              f"<link>{s.url('/')}</link><description>d</description>{items}</channel></rss>",
              content_type="application/rss+xml")
        self.g.write_config(
            sources=[{"name": "Ordinary", "url": s.url("/ordinary.xml")},
                     {"name": "Misnested", "url": s.url("/misnested.xml"), "fetch_full": True},
                     {"name": "Listing", "url": s.url("/listing.html"), "type": "page"},
                     {"name": "Big", "url": s.url("/big.xml")},
                     {"name": "Endless", "url": endless.url}],
            subscribers=[{"email": "ordinary@example.org", "sources": ["Ordinary"]},
                         {"email": "big@example.org", "sources": ["Big"]}],
            extra_daemon="max_page_nodes = 100000")
        with open(self.g.config) as f:
            text = f.read()
        pattern = "link_pattern = 'view_articles\\.php.*recordNo='"
        with open(self.g.config, "w") as f:
            f.write(text.replace('type = "page"', 'type = "page"\n' + pattern))

        start = time.monotonic()
        proc = self.g.once(timeout=120, check=False)
        took = time.monotonic() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"\nhostile sources: run --once took {took:.1f} s, peak RSS {peak_mb:.0f} MB",
              file=sys.stderr)
        self.assertLess(took, 60, proc.stderr[-3000:])
        self.assertLess(peak_mb, 512)
        self.assertIn("polled 5 source(s), 1 failed", proc.stdout, proc.stderr[-3000:])

        texts = [h.text_part(m) for m in self.g.maildir_messages()]
        self.assertTrue(any("The ordinary article" in t for t in texts))
        self.assertTrue(any("(part 500 of 500)" in m["Subject"]
                            for m in self.g.maildir_messages()))
        listing = self.g.sources()
        print(listing, file=sys.stderr)
        lines = {line.split(" | ")[0]: line for line in listing.splitlines()}
        self.assertIn("200 OK, 1 new", lines["Ordinary"])
        self.assertIn("200 OK, 4 new; 1 article page not extracted, the feed's text kept ("
                      + s.url("/misnested/complex.html")
                      + ": page too complex: over 100000 nodes)", lines["Misnested"])
        self.assertIn("200 OK, 0 new; 1 attribute longer than 16384 bytes dropped",
                      lines["Listing"])
        self.assertIn("200 OK, 100000 new", lines["Big"])
        self.assertIn("last error:", lines["Endless"])
        self.assertIn("failures: 1", lines["Endless"])


if __name__ == "__main__":
    h.main()
