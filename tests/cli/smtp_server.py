"""A real SMTP server on 127.0.0.1 for the tests of `infolettre send`
(aiosmtpd). Prints its port on the first line of standard output, then
serves until killed. Every accepted message is written to OUT_DIR as
<n>.eml with its envelope in <n>.json.

It refuses the recipient refuse@… (550), closes the connection on
drop@… (a server that goes away), and with --user/--password requires
AUTH and refuses any other password.

With --tls starttls or --tls implicit it speaks TLS with a certificate for
127.0.0.1 that a CA made for this run signed (trustme); the CA's
certificate is written to OUT_DIR/ca.pem before the port is printed.
With STARTTLS, it is required before MAIL, and AUTH is only offered after it.

Usage: smtp_server.py OUT_DIR [--user NAME --password SECRET]
                              [--tls none|starttls|implicit]
"""

import argparse
import json
import os
import socket
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local == "refuse":
            return "550 5.1.1 <%s>: Recipient address rejected: no such user here" % address
        if local == "drop":
            server.transport.close()
            return "421 4.3.2 closing the connection"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.out, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        return "250 2.0.0 Message accepted for delivery"


def server_context(ca_path):
    """A server certificate for 127.0.0.1 from a fresh CA, whose own
    certificate goes to ca_path for the client to trust."""
    import trustme

    ca = trustme.CA()
    ca.cert_pem.write_to_path(ca_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    kwargs = {}
    if args.user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == args.user
                  and auth_data.password.decode() == args.password)
            # handled=False: aiosmtpd answers 535 itself on a failure.
            return AuthResult(success=ok, handled=False)
        # aiosmtpd counts only STARTTLS as TLS when it decides to offer
        # AUTH: over implicit TLS the whole connection is encrypted anyway.
        kwargs = {"authenticator": authenticator, "auth_required": True,
                  "auth_require_tls": args.tls == "starttls"}
    if args.tls != "none":
        context = server_context(os.path.join(args.out, "ca.pem"))
        if args.tls == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        else:
            kwargs.update(ssl_context=context)
    controller = Controller(Handler(args.out), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print(port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


main()
