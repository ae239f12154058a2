#!/usr/bin/env python3
"""The least an FTP server can do to check cached copies of different files, for bench.sh.

usage: check_floor.py HOST PORT USER PASSWORD SECONDS [SESSIONS] [BATCH]

SESSIONS logged-in sessions (default 4, the gateway's senders per caller) each send the checks of
BATCH files at once (default 32, the most the gateway sends in one round trip) and read all the
replies, over and over for SECONDS, cycling through the lab's small/f0001.bin .. f1000.bin: MLST
where FEAT offers it, otherwise SIZE and MDTM, the commands the gateway's check sends. Prints
"FILES CLIENT_CPU_SECONDS": the files checked and this process's own CPU time, which bench.sh
subtracts from the machine's to leave the server's CPU per file checked, with the kernel's
loopback work of the exchange, which any client's check costs too. A reply that is not the check's
answer, or none within 30 s, ends it with a message and a non-zero exit, printing nothing.
"""
import resource
import socket
import sys
import threading
import time

FILES = 1000

REPLY_SECONDS = 30


def read_reply(reader, lines=None):
    """The reply's code; the lines between a multi-line reply's first and last go into lines."""
    line = reader.readline()
    if len(line) < 4:
        raise IOError("connection closed")
    code = line[:3]
    if line[3:4] == b"-":
        while True:
            line = reader.readline()
            if not line:
                raise IOError("connection closed")
            if line[:3] == code and line[3:4] == b" ":
                break
            if lines is not None:
                lines.append(line)
    return code


def command(sock, reader, text, expected):
    sock.sendall(text.encode() + b"\r\n")
    code = read_reply(reader)
    if not code.startswith(expected):
        raise IOError("%s answered %s" % (text.split()[0], code.decode()))


def login(host, port, user, password):
    # A server that drops pipelined commands would leave a reply missing: fail instead of waiting.
    sock = socket.create_connection((host, port), timeout=REPLY_SECONDS)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    reader = sock.makefile("rb")
    read_reply(reader)
    command(sock, reader, "USER " + user, b"3")
    command(sock, reader, "PASS " + password, b"230")
    command(sock, reader, "TYPE I", b"2")
    sock.sendall(b"FEAT\r\n")
    features = []
    read_reply(reader, features)
    mlst = any(feature.strip().upper().startswith(b"MLST") for feature in features)
    return sock, reader, mlst


def checks(sock, reader, mlst, first, batch, deadline, counted, failures):
    try:
        ask(sock, reader, mlst, first, batch, deadline, counted)
    except (IOError, OSError) as ex:
        failures.append(ex)


def ask(sock, reader, mlst, first, batch, deadline, counted):
    n = first
    while time.monotonic() < deadline:
        names = []
        for _ in range(batch):
            n = n % FILES + 1
            names.append("/small/f%04d.bin" % n)
        if mlst:
            sock.sendall("".join("MLST %s\r\n" % name for name in names).encode())
            replies, success = batch, b"250"
        else:
            sock.sendall("".join("SIZE %s\r\nMDTM %s\r\n" % (name, name) for name in names).encode())
            replies, success = 2 * batch, b"213"
        for _ in range(replies):
            code = read_reply(reader)
            # An error reply costs the server less than an answer: counting it would flatter the floor.
            if code != success:
                raise IOError("a check answered %s" % code.decode())
        counted.append(batch)


def main():
    host, port, user, password, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
    sessions = int(sys.argv[6]) if len(sys.argv) > 6 else 4
    batch = int(sys.argv[7]) if len(sys.argv) > 7 else 32
    logged_in = [login(host, port, user, password) for _ in range(sessions)]
    deadline = time.monotonic() + seconds
    counted = []
    failures = []
    threads = [threading.Thread(target=checks,
                                args=(sock, reader, mlst, i * FILES // sessions, batch, deadline, counted, failures))
               for i, (sock, reader, mlst) in enumerate(logged_in)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for sock, reader, _ in logged_in:
        sock.close()
    if failures:
        sys.exit("check_floor.py: %s" % failures[0])
    # All of this process's CPU, start-up and logins included, as bench.sh measures the machine's
    # around the whole process.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(sum(counted), "%.3f" % (usage.ru_utime + usage.ru_stime))


if __name__ == "__main__":
    main()
