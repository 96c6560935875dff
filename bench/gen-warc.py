#!/usr/bin/env python3
"""Writes a WARC of about MB megabytes to stdout for bench/extract.sh: the
HTML evaluation pages of testdata/extract and testdata/articles repeated,
each as a response record with its own WARC-Target-URI.

usage: gen-warc.py MB TOP"""
import glob, os, sys

mb, top = float(sys.argv[1]), sys.argv[2]
pages = sorted(glob.glob(os.path.join(top, "testdata/extract/*/input.html")) +
               glob.glob(os.path.join(top, "testdata/articles/*/input.html")))
bodies = [open(p, "rb").read() for p in pages]
out = sys.stdout.buffer
written, n = 0, 0
while written < mb * 1048576:
    body = bodies[n % len(bodies)]
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)) + body
    head = (b"WARC/1.0\r\nWARC-Type: response\r\n"
            b"WARC-Target-URI: https://news.example/%d.html\r\n"
            b"WARC-Date: 2024-01-01T00:00:00Z\r\n"
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
            b"Content-Type: application/http; msgtype=response\r\n"
            b"Content-Length: %d\r\n\r\n" % (n, n, len(http)))
    rec = head + http + b"\r\n\r\n"
    out.write(rec)
    written += len(rec)
    n += 1
