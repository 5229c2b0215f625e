#!/usr/bin/env python3
"""Minimal QMP client for scripts/lab.

usage: qmp.py SOCKET COMMAND [JSON-ARGUMENTS]

Connects to a QEMU QMP unix socket, negotiates capabilities, runs one command
and prints its "return" value as JSON (a string return, e.g. from
human-monitor-command, is printed raw). Exits 1 on a QMP error, 2 when the
socket cannot be reached. Events are skipped. For "quit", an EOF after (or
instead of) the return counts as success.
"""
import json
import os
import socket
import sys

TIMEOUT = float(os.environ.get("QMP_TIMEOUT", "300"))


def read_msg(f):
    while True:
        line = f.readline()
        if not line:
            return None
        msg = json.loads(line)
        if "event" in msg:
            continue
        return msg


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, cmd = sys.argv[1], sys.argv[2]
    args = json.loads(sys.argv[3]) if len(sys.argv) > 3 else None
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    try:
        s.connect(path)
    except OSError as e:
        print(f"qmp: cannot connect to {path}: {e}", file=sys.stderr)
        return 2
    f = s.makefile("rwb", buffering=0)
    greeting = read_msg(f)
    if not greeting or "QMP" not in greeting:
        print(f"qmp: no greeting on {path}", file=sys.stderr)
        return 2
    f.write(b'{"execute":"qmp_capabilities"}\n')
    r = read_msg(f)
    if not r or "return" not in r:
        print(f"qmp: capabilities negotiation failed: {r}", file=sys.stderr)
        return 2
    req = {"execute": cmd}
    if args is not None:
        req["arguments"] = args
    f.write((json.dumps(req) + "\n").encode())
    try:
        r = read_msg(f)
    except (ConnectionResetError, socket.timeout) as e:
        if cmd == "quit" and not isinstance(e, socket.timeout):
            return 0
        print(f"qmp: {cmd}: {e}", file=sys.stderr)
        return 1
    if r is None:
        if cmd == "quit":
            return 0
        print(f"qmp: {cmd}: connection closed without an answer", file=sys.stderr)
        return 1
    if "error" in r:
        print(f"qmp: {cmd}: {r['error'].get('desc', r['error'])}", file=sys.stderr)
        return 1
    ret = r.get("return")
    if isinstance(ret, str):
        sys.stdout.write(ret)
    elif ret not in ({}, None):
        print(json.dumps(ret))
    return 0


if __name__ == "__main__":
    sys.exit(main())
