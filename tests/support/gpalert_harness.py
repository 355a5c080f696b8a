"""Shared pieces of gpalert's integration tests: a scriptable HTTP site, an SMTP sink,
config writing and running the real binary. Stdlib and aiosmtpd only; everything
listens on 127.0.0.1 ephemeral ports and every wait is bounded."""

import argparse
import email
import email.policy
import http.server
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone


def gpalert_path():
    """The --gpalert argument (ctest passes it); the rest of argv goes to unittest."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--gpalert", required=True)
    args, rest = parser.parse_known_args()
    sys.argv[1:] = rest
    return os.path.abspath(args.gpalert)


# ---------------------------------------------------------------- HTTP site

class Route:
    def __init__(self, body=b"", status=200, content_type="text/html; charset=utf-8",
                 headers=None, delay=0.0, reason=None):
        self.body = body.encode() if isinstance(body, str) else body
        self.reason = reason
        self.status = status
        self.content_type = content_type
        self.headers = headers or {}
        self.delay = delay


class Site:
    """A thread-served site whose routes tests change between runs (fault injection:
    any status, garbage bodies, delays). Records the paths requested."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.lock = threading.Lock()
        self.active = 0  # requests being answered now
        self.max_active = 0  # the most at once since the site started
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                with site.lock:
                    site.active += 1
                    site.max_active = max(site.max_active, site.active)
                self.counted = True
                try:
                    self.answer()
                finally:
                    self.answered()

            def answered(self):
                # Called before the last bytes go out: once the client has them it may send
                # its next request, which must not meet this one still counted (a loaded
                # machine may run that request's thread before this one's finally).
                if self.counted:
                    self.counted = False
                    with site.lock:
                        site.active -= 1

            def answer(self):
                path = self.path.split("?", 1)[0]
                with site.lock:
                    site.requests.append(self.path)
                    # A route set for the whole path with its query wins over the path's.
                    route = site.routes.get(self.path) or site.routes.get(path)
                if route is None:
                    route = Route("not found", status=404, content_type="text/plain")
                if route.delay:
                    time.sleep(route.delay)
                etag = route.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.answered()
                    self.end_headers()
                    return
                try:
                    self.send_response(route.status, route.reason)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    if route.body:
                        self.end_headers()
                        self.answered()
                        self.wfile.write(route.body)
                    else:
                        self.answered()
                        self.end_headers()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client went away (a test killed or stopped gpalert)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path, body="", **kwargs):
        with self.lock:
            self.routes[path] = Route(body, **kwargs)

    def serve_dir(self, directory, prefix="/"):
        """Serves every file under `directory` at prefix + its relative path."""
        types = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml"}
        for root, _, files in os.walk(directory):
            for name in files:
                full = os.path.join(root, name)
                rel = os.path.relpath(full, directory).replace(os.sep, "/")
                with open(full, "rb") as f:
                    self.set(prefix + rel, f.read(),
                             content_type=types.get(os.path.splitext(name)[1], "text/plain"))

    def count(self, path):
        with self.lock:
            return sum(1 for p in self.requests if p.split("?", 1)[0] == path)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def rss(title, items):
    """An RSS 2.0 document. items: dicts with title, link, guid, date (datetime), summary."""
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
           f"<title>{title}</title><link>http://example.org/</link><description>d</description>"]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{it['title']}</title><link>{it['link']}</link>")
        if it.get("guid"):
            out.append(f'<guid isPermaLink="false">{it["guid"]}</guid>')
        if it.get("date"):
            out.append(f"<pubDate>{format_datetime(it['date'])}</pubDate>")
        if it.get("author"):
            out.append(f"<author>{it['author']}</author>")
        out.append(f"<description>&lt;p&gt;{it.get('summary', 'Summary.')}&lt;/p&gt;</description>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out)


_WORDS = ("policy government election minister trade border security economy region "
          "military reform crisis treaty budget parliament court protest energy water "
          "province coalition army talks sanctions inflation loan debt export import "
          "neighbour alliance summit visit agreement dispute corridor port railway "
          "province village farmer worker student journalist analyst report review "
          "strategy pressure question answer month week year decade history future "
          "change growth decline risk opportunity challenge response decision vote").split()


def prose(seed, words=120):
    """Reproducible sentences of `words` words that share no run of three words with
    another seed's (articles that are different to the near-duplicate detector)."""
    rng = random.Random(seed)
    out = []
    for i in range(words):
        w = rng.choice(_WORDS)
        out.append(w.capitalize() if i % 12 == 0 else w)
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out) + "."


def prose_paragraphs(seed, paragraphs=4, words=60):
    """`paragraphs` <p> elements of prose(seed-derived) text."""
    return "".join(f"<p>{prose(f'{seed}/{i}', words)}</p>\n" for i in range(paragraphs))


def ago(**kwargs):
    return datetime.now(timezone.utc) - timedelta(**kwargs)


# ---------------------------------------------------------------- SMTP sink

class SmtpSink:
    """aiosmtpd in this process: keeps every accepted message. Fault injection: the
    first `fail_first` transactions (or all, with fail_always) get `fail_code`; `delay`
    seconds pass before each answer to DATA (the message counts as accepted once the
    delay is over, even if the client has gone)."""

    def __init__(self, fail_first=0, fail_code=451, fail_always=False, delay=0.0, port=0,
                 max_bytes=None):
        import asyncio
        from aiosmtpd.controller import Controller
        self.messages = []
        self.mail_froms = []  # the envelope sender (MAIL FROM) of each of `messages`
        self.fail_first = fail_first
        self.fail_code = fail_code
        self.fail_always = fail_always
        self.attempts = 0
        self.refused_too_big = 0
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.attempts += 1
                if delay:
                    await asyncio.sleep(delay)
                if max_bytes is not None and len(envelope.content) > max_bytes:
                    sink.refused_too_big += 1
                    return "552 5.3.4 Message size exceeds fixed maximum message size"
                if sink.fail_always or sink.attempts <= sink.fail_first:
                    return (f"{sink.fail_code} 4.3.0 try again later" if sink.fail_code < 500
                            else f"{sink.fail_code} 5.7.1 message rejected")
                sink.messages.append((envelope.rcpt_tos, envelope.content))
                sink.mail_froms.append(envelope.mail_from)
                return "250 OK"

        # aiosmtpd 1.4 cannot bind port 0 (it connects to its own port to check it is up).
        self.port = port or free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.url = f"smtp://127.0.0.1:{self.port}"

    def parsed(self):
        return [parse_message(raw) for _, raw in self.messages]

    def stop(self):
        self.controller.stop()


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class InboxMaildir:
    """A Maildir (tmp/, new/, cur/) standing for the list address's mailbox, where the
    MTA would deliver bounces and requests: drop() writes a message into new/ under a
    unique name and returns the name."""

    def __init__(self, path):
        self.path = path
        self.dropped = 0
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(path, sub))

    def drop(self, text):
        self.dropped += 1
        name = f"{int(time.time())}.M{self.dropped}P1.mx"
        with open(os.path.join(self.path, "new", name), "w") as f:
            f.write(text)
        return name

    def listing(self, sub):
        return sorted(os.listdir(os.path.join(self.path, sub)))


# ---------------------------------------------------------------- gpalert

def toml_list(values):
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


class Gpalert:
    """A state directory, a config in it, and the binary run against it."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.dir = workdir
        self.config = os.path.join(workdir, "gpalert.toml")
        self.state = os.path.join(workdir, "state")

    def write_config(self, sources, subscribers, smtp=None, backfill="3d", interval="30m",
                     extra_daemon="", extra_mail="", extra=""):
        lines = ["[daemon]", f'state_dir = "{self.state}"', f'poll_interval = "{interval}"',
                 f'backfill = "{backfill}"', 'fetch_timeout = "5s"', extra_daemon, "",
                 "[mail]", 'from = "GP Alerts <alerts@example.org>"']
        if smtp:
            lines.append(f'smtp = "{smtp}"')
        if extra_mail:
            lines.append(extra_mail)
        for s in sources:
            lines += ["", "[[sources]]", f'name = "{s["name"]}"', f'url = "{s["url"]}"',
                      f'type = "{s.get("type", "feed")}"']
            if s.get("tags"):
                lines.append(f"tags = {toml_list(s['tags'])}")
            if s.get("interval"):
                lines.append(f'interval = "{s["interval"]}"')
            if s.get("fetch_full"):
                lines.append("fetch_full = true")
            if s.get("display_name"):
                lines.append(f'display_name = "{s["display_name"]}"')
            lines += s.get("extra", [])
        for sub in subscribers:
            lines += ["", "[[subscribers]]", f'email = "{sub["email"]}"',
                      f'digest = "{sub.get("digest", "immediate")}"']
            for key in ("at", "timezone", "weekday", "content"):
                if sub.get(key):
                    lines.append(f'{key} = "{sub[key]}"')
            for key in ("sources", "tags", "keywords"):
                if sub.get(key):
                    lines.append(f"{key} = {toml_list(sub[key])}")
        if extra:
            lines += ["", extra]
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")

    def run(self, *args, timeout=60, check=True):
        proc = subprocess.run([self.binary, *args, "--config", self.config],
                              capture_output=True, text=True, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"gpalert {' '.join(args)} exited {proc.returncode}\n"
                                 f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        return proc

    def once(self, **kwargs):
        return self.run("run", "--once", **kwargs)

    def start_daemon(self, *extra):
        log = open(os.path.join(self.dir, "daemon.log"), "a")
        return subprocess.Popen([self.binary, "run", "--config", self.config,
                                 "--log-level", "debug", *extra],
                                stdout=log, stderr=subprocess.STDOUT)

    def daemon_log(self):
        with open(os.path.join(self.dir, "daemon.log")) as f:
            return f.read()

    def maildir_messages(self):
        """Parsed messages in <state>/maildir/new, oldest first."""
        new = os.path.join(self.state, "maildir", "new")
        if not os.path.isdir(new):
            return []
        paths = sorted((os.path.join(new, n) for n in os.listdir(new)), key=os.path.getmtime)
        out = []
        for p in paths:
            with open(p, "rb") as f:
                out.append(email.message_from_binary_file(f, policy=email.policy.default))
        return out

    def sources(self):
        return self.run("sources").stdout


REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class PgCluster:
    """A private PostgreSQL server (tests/support/pg_cluster) on a unix socket in a
    temporary directory, for the tests of [store] url; stop() removes it."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="gpalert-pg-")
        script = os.path.join(REPO, "tests", "support", "pg_cluster")
        self._script = script
        subprocess.run([script, "start", self.dir], check=True, timeout=120)
        with open(os.path.join(self.dir, "conninfo")) as f:
            self.conninfo = f.read().strip()
        self.user = dict(kv.split("=", 1) for kv in self.conninfo.split())["user"]
        self._databases = 0

    def create_database(self):
        """A new empty database's [store] url."""
        self._databases += 1
        name = f"gpalert_{self._databases}"
        self.psql("postgres", f"CREATE DATABASE {name}")
        return self.url(name)

    def url(self, database):
        return f"postgresql:///{database}?host={self.dir}&user={self.user}"

    def psql(self, database, sql):
        """Rows of `sql` as lists of strings."""
        proc = subprocess.run(["psql", "-X", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1",
                               "-h", self.dir, "-U", self.user, "-d", database, "-c", sql],
                              capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            raise AssertionError(f"psql failed: {proc.stderr}")
        return [line.split("|") for line in proc.stdout.splitlines() if line]

    def stop(self):
        subprocess.run([self._script, "stop", self.dir], timeout=120)


def parse_message(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def text_part(msg):
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


def wait_for(predicate, timeout=20.0, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class IntegrationCase(unittest.TestCase):
    """Gives each test a temp dir, a Site and a Gpalert; cleans up."""
    binary = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="gpalert-it-")
        self.site = Site()
        self.g = Gpalert(self.binary, self.tmp)
        self.procs = []
        self.sinks = []

    def tearDown(self):
        for sink in self.sinks:
            sink.stop()
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=10)
        self.site.close()
        if os.environ.get("GPALERT_KEEP_TMP"):
            print(f"kept {self.tmp}", file=sys.stderr)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def sink(self, **kwargs):
        """An SmtpSink stopped at tearDown."""
        sink = SmtpSink(**kwargs)
        self.sinks.append(sink)
        return sink

    def publish_feed(self, path, items, title="Feed"):
        self.site.set(path, rss(title, items), content_type="application/rss+xml")

    def listening_site(self):
        """For a daemon with http_listen: self.port and self.base (its URL), self.sink_ (an
        SmtpSink), and /feed.xml publishing self.items (one item an hour old)."""
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.sink_ = self.sink()
        self.items = [{"title": "Old item", "link": self.site.url("/old.html"), "guid": "old",
                       "date": ago(hours=1)}]
        self.publish_feed("/feed.xml", self.items)

    def daemon(self, *extra):
        p = self.g.start_daemon(*extra)
        self.procs.append(p)
        return p


class PostgresCase(IntegrationCase):
    """An IntegrationCase with a private PostgreSQL server (self.pg) for the whole class."""

    @classmethod
    def setUpClass(cls):
        cls.pg = PgCluster()

    @classmethod
    def tearDownClass(cls):
        cls.pg.stop()


def main():
    IntegrationCase.binary = gpalert_path()
    unittest.main(verbosity=2)
