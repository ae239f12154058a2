#!/usr/bin/env python3
"""Reference HTTP-to-FTP relays for src/bench/bench.sh: the least work any gateway can do per byte.

    relay.py FTP_HOST FTP_PORT USER PASSWORD LISTEN_PORT splice|copy

GET /path streams RETR /path as the body (Content-Length from SIZE); PUT /path streams the
request body into STOR /path. Nothing else: no paths checked, no errors mapped, one logged-in
FTP session per HTTP connection, binary mode set once. Bytes move in 1 MiB steps:

  splice  data socket -> pipe -> client socket with splice(2): the bytes never enter user space.
          A JVM cannot do this (the JDK has no socket-to-socket splice), so this is the floor of
          what one extra hop costs on the machine, for any gateway.
  copy    recv_into / sendall through one user-space buffer: what every gateway that reads and
          writes sockets (rclone, ftp-gateway) must at least do.

Listens on 127.0.0.1 only. A benchmark fixture, not a product: it trusts its one client.
"""
import fcntl
import ftplib
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FTP_HOST, FTP_PORT, USER, PASSWORD, LISTEN, MODE = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
STEP = 1 << 20
F_SETPIPE_SZ = 1031
sessions = threading.local()


def session():
    if not hasattr(sessions, "ftp"):
        ftp = ftplib.FTP()
        ftp.connect(FTP_HOST, FTP_PORT)
        ftp.login(USER, PASSWORD)
        ftp.voidcmd("TYPE I")
        sessions.ftp = ftp
    return sessions.ftp


def splice_all(src, dst, count):
    """Moves count bytes (or up to EOF when count is None) from src to dst through a pipe."""
    r, w = os.pipe()
    try:
        try:
            fcntl.fcntl(w, F_SETPIPE_SZ, STEP)
        except OSError:
            pass  # a smaller pipe only means more splice calls
        moved = 0
        while count is None or moved < count:
            n = os.splice(src, w, STEP if count is None else min(STEP, count - moved))
            if n == 0:
                break
            moved += n
            while n > 0:
                n -= os.splice(r, dst, n)
        return moved
    finally:
        os.close(r)
        os.close(w)


def copy_all(src, dst, count):
    buffer = bytearray(STEP)
    view = memoryview(buffer)
    moved = 0
    while count is None or moved < count:
        n = src.recv_into(buffer, STEP if count is None else min(STEP, count - moved))
        if n == 0:
            break
        dst.sendall(view[:n])
        moved += n
    return moved


class Relay(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    rbufsize = 0  # unbuffered, so no body bytes hide in a read buffer before the relay starts

    def log_message(self, *args):
        pass

    def do_GET(self):
        ftp = session()
        size = ftp.size(self.path)
        data = ftp.transfercmd("RETR " + self.path)
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self.wfile.flush()
        with data:
            if MODE == "splice":
                splice_all(data.fileno(), self.connection.fileno(), size)
            else:
                copy_all(data, self.connection, size)
        ftp.voidresp()

    def do_PUT(self):
        ftp = session()
        length = int(self.headers["Content-Length"])
        data = ftp.transfercmd("STOR " + self.path)
        if self.headers.get("Expect", "").lower() == "100-continue":
            self.send_response_only(100)
            self.end_headers()
            self.wfile.flush()
        with data:
            if MODE == "splice":
                splice_all(self.connection.fileno(), data.fileno(), length)
            else:
                copy_all(self.connection, data, length)
        ftp.voidresp()
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    # BaseHTTPRequestHandler would answer the Expect itself before do_PUT; the answer is sent
    # above, once the data connection is open, as a gateway would.
    def handle_expect_100(self):
        return True


ThreadingHTTPServer(("127.0.0.1", LISTEN), Relay).serve_forever()
