"""Issue 10: gpalert under systemd. sd_notify against a real AF_UNIX datagram socket set
as NOTIFY_SOCKET: READY=1 once serving, STATUS= after a round, WATCHDOG=1 at half of
WATCHDOG_USEC from the writer thread (and no more pings once the writer is wedged),
RELOADING=1 with MONOTONIC_USEC then READY=1 around SIGHUP, STOPPING=1 on SIGTERM. Logs
in journald's format when JOURNAL_STREAM names stderr, JSON lines on request, and state
files only the daemon's user can read."""

import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class NotifySocket:
    """The systemd side: a datagram socket collecting (time, message) pairs."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.sock.settimeout(0.1)
        self.messages = []

    def collect(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                continue
            self.messages.append((time.monotonic(), data.decode()))

    def wait_for(self, pattern, timeout=20):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for _, m in self.messages:
                if re.search(pattern, m):
                    return m
            self.collect(0.2)
        raise AssertionError(f"no {pattern!r} in {[m for _, m in self.messages]}")

    def count(self, text, since=0.0):
        return sum(1 for t, m in self.messages if t >= since and text in m.split("\n"))

    def close(self):
        self.sock.close()
        if os.path.exists(self.path):
            os.unlink(self.path)


class SystemdTest(h.IntegrationCase):
    def start(self, **env):
        s = self.site
        self.publish_feed("/feed.xml", [{"title": "News", "link": s.url("/n.html"), "guid": "n",
                                         "date": h.ago(hours=1)}])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        notify = NotifySocket(os.path.join(self.tmp, "notify.sock"))
        self.addCleanup(notify.close)
        log = open(os.path.join(self.g.dir, "daemon.log"), "a")
        self.addCleanup(log.close)
        proc = subprocess.Popen([self.g.binary, "run", "--config", self.g.config],
                                stdout=log, stderr=subprocess.STDOUT,
                                env=dict(os.environ, NOTIFY_SOCKET=notify.path, **env))
        self.procs.append(proc)
        return notify, proc

    def test_ready_status_watchdog_reload_and_stop(self):
        notify, proc = self.start(WATCHDOG_USEC="1000000")  # a ping every 0.5 s
        notify.wait_for(r"^READY=1$")
        status = notify.wait_for(r"^STATUS=")
        self.assertIn("1 sources, 0 failing; 0 messages pending", status)
        start = time.monotonic()
        notify.collect(3)
        pings = notify.count("WATCHDOG=1", since=start)
        print(f"\nwatchdog: {pings} pings in 3 s at WATCHDOG_USEC=1 s", file=sys.stderr)
        self.assertGreaterEqual(pings, 4)
        self.assertLessEqual(pings, 8)

        before = len(notify.messages)
        proc.send_signal(signal.SIGHUP)
        reloading = notify.wait_for(r"^RELOADING=1")
        usec = int(re.search(r"MONOTONIC_USEC=(\d+)", reloading).group(1))
        self.assertLess(abs(usec / 1e6 - time.clock_gettime(time.CLOCK_MONOTONIC)), 30)
        h.wait_for(lambda: notify.collect(0.2) or any(
            m == "READY=1" for _, m in notify.messages[before:]), what="READY=1 after reload")
        proc.send_signal(signal.SIGTERM)
        notify.wait_for(r"^STOPPING=1$")
        self.assertEqual(proc.wait(timeout=30), 0)

    def test_a_wedged_writer_stops_the_pings(self):
        # The writer thread stops for good at the end of its first round (a test-build
        # hook): the network thread is fine, but no ping may go out any more.
        notify, proc = self.start(WATCHDOG_USEC="1000000", GPALERT_HANG_AT="writer-round")
        notify.wait_for(r"^READY=1$")
        time.sleep(1.5)
        start = time.monotonic()
        notify.collect(3)
        self.assertEqual(notify.count("WATCHDOG=1", since=start), 0, notify.messages)
        self.assertIsNone(proc.poll())
        proc.kill()
        proc.wait(timeout=10)

    def test_once_mode_notifies_nothing(self):
        # `run --once` is a job, not a service: no READY, no pings, even under systemd.
        s = self.site
        self.publish_feed("/feed.xml", [])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[])
        notify = NotifySocket(os.path.join(self.tmp, "notify.sock"))
        self.addCleanup(notify.close)
        subprocess.run([self.g.binary, "run", "--once", "--config", self.g.config],
                       capture_output=True, check=True, timeout=60,
                       env=dict(os.environ, NOTIFY_SOCKET=notify.path, WATCHDOG_USEC="1000000"))
        notify.collect(0.5)
        self.assertEqual(notify.messages, [])

    def test_journal_format_when_stderr_is_the_journal(self):
        s = self.site
        self.publish_feed("/feed.xml", [])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[])
        err_path = os.path.join(self.tmp, "stderr.log")
        with open(err_path, "w") as err:
            st = os.fstat(err.fileno())
            env = dict(os.environ, JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}")
            subprocess.run([self.g.binary, "run", "--once", "--config", self.g.config],
                           stdout=subprocess.DEVNULL, stderr=err, env=env, check=True, timeout=60)
        with open(err_path) as f:
            lines = f.read().splitlines()
        self.assertTrue(lines)
        for line in lines:
            self.assertRegex(line, r"^<[3467]>")  # priority prefix, no timestamp of its own
            self.assertNotRegex(line, r"^<\d>\d{4}-\d\d-\d\dT")
        self.assertTrue(any(line.startswith("<6>source \"Feed\"") for line in lines), lines)

        # A JOURNAL_STREAM naming another file is not the journal: the usual format.
        proc = subprocess.run([self.g.binary, "run", "--once", "--config", self.g.config],
                              capture_output=True, text=True, timeout=60,
                              env=dict(os.environ, JOURNAL_STREAM="1:1"))
        self.assertRegex(proc.stderr.splitlines()[0], r"^\d{4}-\d\d-\d\dT\S+Z info ")

    def test_json_log_lines_on_request(self):
        s = self.site
        self.publish_feed("/feed.xml", [])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[], extra_daemon='log_format = "json"')
        proc = self.g.once()
        records = [json.loads(line) for line in proc.stderr.splitlines()]
        self.assertTrue(records)
        for r in records:
            self.assertEqual(set(r), {"time", "level", "message"})
        self.assertTrue(any(r["level"] == "info" and r["message"].startswith('source "Feed"')
                            for r in records), records)

    def test_state_files_are_the_daemons_alone(self):
        s = self.site
        self.publish_feed("/feed.xml", [{"title": "News", "link": s.url("/n.html"), "guid": "n",
                                         "date": h.ago(hours=1)}])
        self.g.write_config(sources=[{"name": "Feed", "url": s.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        self.g.once()
        self.assertEqual(stat.S_IMODE(os.stat(self.g.state).st_mode), 0o750)
        for name in os.listdir(self.g.state):
            path = os.path.join(self.g.state, name)
            if os.path.isfile(path):
                self.assertEqual(stat.S_IMODE(os.stat(path).st_mode) & 0o077, 0, path)

    def test_version_and_help_for_a_command(self):
        v = subprocess.run([self.g.binary, "-V"], capture_output=True, text=True, timeout=10)
        self.assertRegex(v.stdout, r"^gpalert \d+\.\d+\.\d+\n$")
        help_run = subprocess.run([self.g.binary, "help", "run"], capture_output=True, text=True,
                                  timeout=10)
        self.assertEqual(help_run.returncode, 0)
        self.assertIn("--once", help_run.stdout)


if __name__ == "__main__":
    h.main()
