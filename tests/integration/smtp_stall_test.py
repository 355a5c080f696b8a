"""Issue 9: SMTP servers that misbehave during DATA. One takes the message and never answers after the final "."
held the outbox for minutes per message and blocked the rest, and the retry time was
computed from the start of the batch (logged in the past). With `[mail] timeout`, each
message gets one overall deadline, the batch moves on, and each retry time is later
than the moment that message's attempt ended."""

import os
import signal
import socket
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class StallAfterDataServer:
    """Speaks SMTP up to the end of DATA, then goes silent (never sends the 250). With
    drop_first, the first session instead closes the connection in the middle of DATA and
    later sessions are answered 250."""

    def __init__(self, drop_first=False):
        self.drop_first = drop_first
        self.accepted = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.messages = 0
        self.conns = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            threading.Thread(target=self.session, args=(conn,), daemon=True).start()

    def session(self, conn):
        f = conn.makefile("rb")
        conn.sendall(b"220 stall.test ESMTP\r\n")
        try:
            while True:
                line = f.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250 stall.test\r\n")
                elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                    conn.sendall(b"250 OK\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    if self.drop_first and self.messages == 0 and self.accepted == 0:
                        f.readline()  # the first line of the message, then hang up
                        self.messages += 1
                        conn.close()
                        return
                    while f.readline() not in (b".\r\n", b""):
                        pass
                    self.messages += 1
                    if self.drop_first:
                        self.accepted += 1
                        conn.sendall(b"250 OK queued\r\n")
                        continue
                    time.sleep(3600)  # the stall: no reply to the final "."
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
        except OSError:
            return

    def close(self):
        self.sock.close()
        for c in self.conns:
            c.close()


class SmtpStallTest(h.IntegrationCase):
    def one_article_via(self, server, subscribers, timeout):
        """A feed with one new article, mailed to `subscribers` through `server`."""
        self.addCleanup(server.close)
        s = self.site
        self.publish_feed("/feed.xml", [{"title": "News", "link": s.url("/n.html"), "guid": "n",
                                         "date": h.ago(hours=1)}])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=subscribers, smtp=f"smtp://127.0.0.1:{server.port}",
                            extra_mail=f'timeout = "{timeout}"')

    def test_each_message_has_one_deadline_and_the_batch_moves_on(self):
        server = StallAfterDataServer()
        self.one_article_via(server, [{"email": f"r{i}@example.org"} for i in range(3)], "2s")

        start = time.time()
        proc = self.g.once(timeout=60)
        took = time.time() - start
        self.assertIn("0 sent, 3 to retry", proc.stdout)
        self.assertEqual(server.messages, 3)  # every message was tried, none blocked the rest
        self.assertLess(took, 30)
        db = sqlite3.connect(os.path.join(self.g.state, "gpalert.db"))
        rows = db.execute("SELECT next_try, last_error FROM outbox ORDER BY id").fetchall()
        db.close()
        self.assertEqual(len(rows), 3)
        for next_try, last_error in rows:
            self.assertGreater(next_try, time.time() + 30)  # a retry ahead, not in the past
            self.assertIn("imeout", last_error)

    def test_a_server_that_hangs_up_mid_data_gets_the_message_again_next_run(self):
        server = StallAfterDataServer(drop_first=True)
        self.one_article_via(server, [{"email": "r@example.org"}], "5s")
        first = self.g.once(timeout=60)
        self.assertIn("0 sent, 1 to retry", first.stdout)
        self.assertEqual(server.accepted, 0)
        second = self.g.once(timeout=60)
        self.assertIn("1 sent", second.stdout)
        self.assertEqual(server.accepted, 1)
        self.assertIn("0 pending", self.g.sources())

    def test_sigterm_stops_a_send_that_waits_for_the_server(self):
        # A stalled send would hold shutdown for the whole mail timeout (60 s here, longer
        # than systemd's default stop timeout waits); it is cut short instead, and the
        # message stays due, with no attempt counted, for the next start.
        server = StallAfterDataServer()
        self.one_article_via(server, [{"email": "r@example.org"}], "60s")
        daemon = self.g.start_daemon()
        self.addCleanup(lambda: daemon.poll() is None and daemon.kill())
        h.wait_for(lambda: server.messages == 1, timeout=30, what="the message reaching DATA")
        start = time.monotonic()
        daemon.send_signal(signal.SIGTERM)
        rc = daemon.wait(timeout=30)
        took = time.monotonic() - start
        print(f"\nSIGTERM during a stalled send: stopped in {took:.1f} s", file=sys.stderr)
        self.assertEqual(rc, 0, self.g.daemon_log()[-3000:])
        self.assertLess(took, 10)
        self.assertIn("stopped by shutdown before the server confirmed it", self.g.daemon_log())
        db = sqlite3.connect(os.path.join(self.g.state, "gpalert.db"))
        rows = db.execute("SELECT state, attempts FROM outbox").fetchall()
        db.close()
        self.assertEqual(rows, [("pending", 0)])


if __name__ == "__main__":
    h.main()
