#!/usr/bin/python3
"""A controllable SMTP server for gpalert's tests (Debian's python3-aiosmtpd).

Listens on 127.0.0.1 (an ephemeral port by default), writes the port to --port-file once
it accepts connections, and saves every accepted message under --out-dir:

  NNNN.eml   the message bytes exactly as received after DATA (CRLF, dot-unstuffed)
  NNNN.json  {"mail_from": ..., "rcpt_tos": [...], "peer": ...}
  transactions.log  one JSON line per DATA or refused RCPT: {"n", "rcpt_tos", "reply"}

Files appear atomically (written as .tmp, then renamed). Failure modes for tests:

  --fail-first N --fail-code 451   answer the first N DATA transactions with that code
  --fail-always --fail-code 550    answer every DATA transaction with that code
  --reject-rcpt ADDR               answer RCPT TO:<ADDR> with 550 5.1.1 (repeatable)
  --auth USER:PASSWORD             require AUTH (PLAIN/LOGIN, allowed without TLS)

TLS (tests/data/alerts/tls holds a self-signed localhost certificate for this):

  --tls-cert PEM --tls-key KEY     offer STARTTLS with this certificate
  --require-starttls               refuse MAIL before STARTTLS (with --tls-cert)
  --implicit-tls                   speak TLS from the first byte (smtps://) instead

Run with /usr/bin/python3 (Debian's aiosmtpd is only visible to it). Stops on SIGTERM/SIGINT.
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

REPLY_TEXT = {
    4: "4.3.0 Temporary failure, try again later (test server)",
    5: "5.7.1 Message rejected (test server)",
}


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


class Handler:
    def __init__(self, args):
        self.args = args
        self.transactions = 0
        self.accepted = 0
        self.rejected_rcpts = {a.lower() for a in args.reject_rcpt}

    def log(self, rcpt_tos, reply):
        self.transactions += 1
        line = json.dumps({"n": self.transactions, "rcpt_tos": rcpt_tos, "reply": reply})
        with open(os.path.join(self.args.out_dir, "transactions.log"), "a") as f:
            f.write(line + "\n")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected_rcpts:
            reply = "550 5.1.1 <%s>: Recipient address rejected: no such user (test server)" % address
            self.log([address], reply)
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        fail = self.args.fail_always or self.transactions < self.args.fail_first
        if fail:
            code = self.args.fail_code
            reply = "%d %s" % (code, REPLY_TEXT.get(code // 100, "failure (test server)"))
            self.log(envelope.rcpt_tos, reply)
            return reply
        self.accepted += 1
        stem = os.path.join(self.args.out_dir, "%04d" % self.accepted)
        write_atomically(stem + ".json", json.dumps({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "peer": str(session.peer),
        }).encode())
        write_atomically(stem + ".eml", envelope.original_content)
        reply = "250 2.0.0 OK: queued as %04d" % self.accepted
        self.log(envelope.rcpt_tos, reply)
        return reply


def make_authenticator(user_password):
    user, _, password = user_password.partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        # handled=False: let aiosmtpd answer "535 5.7.8" on failure (the default is True).
        return AuthResult(success=ok, handled=False)

    return authenticator


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 = ephemeral")
    p.add_argument("--port-file", required=True, help="where to write the port once listening")
    p.add_argument("--out-dir", required=True, help="where received messages are saved")
    p.add_argument("--fail-first", type=int, default=0, metavar="N")
    p.add_argument("--fail-always", action="store_true")
    p.add_argument("--fail-code", type=int, default=451, metavar="CODE")
    p.add_argument("--reject-rcpt", action="append", default=[], metavar="ADDR")
    p.add_argument("--auth", metavar="USER:PASSWORD")
    p.add_argument("--tls-cert", metavar="PEM")
    p.add_argument("--tls-key", metavar="KEY")
    p.add_argument("--require-starttls", action="store_true")
    p.add_argument("--implicit-tls", action="store_true")
    args = p.parse_args()
    if not 400 <= args.fail_code <= 599:
        p.error("--fail-code must be a 4xx or 5xx code")
    if (args.require_starttls or args.implicit_tls) and not args.tls_cert:
        p.error("--require-starttls and --implicit-tls need --tls-cert and --tls-key")
    os.makedirs(args.out_dir, exist_ok=True)

    handler = Handler(args)
    smtp_kwargs = {"hostname": "gpalert-test-smtp"}
    if args.auth:
        # Plain-text AUTH is what the tests want; silence aiosmtpd's warning about it.
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        smtp_kwargs.update(auth_required=True, auth_require_tls=False,
                           authenticator=make_authenticator(args.auth))

    server_tls = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        if args.implicit_tls:
            server_tls = context
        else:
            smtp_kwargs.update(tls_context=context, require_starttls=args.require_starttls)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, **smtp_kwargs), host=args.host, port=args.port, ssl=server_tls))
    port = server.sockets[0].getsockname()[1]
    write_atomically(args.port_file, str(port).encode())
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
