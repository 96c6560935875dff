#!/usr/bin/env python3
"""Writes a synthetic Telegram Desktop JSON export (single public channel)
of about N megabytes to stdout, laid out as the exporter writes it
(1-space indent, text as string or entity array, text_entities twin,
reactions, service messages, media). Deterministic: same size, same bytes.
Usage: gen-telegram.py MEGABYTES"""
import sys

WORDS = ("le la les un une des de du et à en pour sur dans avec par pas "
         "plus the of and to in is that for it on with as was this "
         "gouvernement réforme élection Paris guerre économie prix "
         "énergie budget santé école police justice climat").split()

def text_of(i, n):
    w = [WORDS[(i * 7 + k * 13 + k * k) % len(WORDS)] for k in range(n)]
    return " ".join(w).capitalize() + "."

def message(i, out):
    date = 1700000000 + i * 37
    w = out.write
    if i % 50 == 0:
        w(' {\n  "id": %d,\n  "type": "service",\n  "date": "2023-11-14T22:13:20",\n'
          '  "date_unixtime": "%d",\n  "actor": "Canal Bench",\n'
          '  "actor_id": "channel1000",\n  "action": "pin_message",\n'
          '  "message_id": %d,\n  "text": "",\n  "text_entities": []\n }' % (i, date, i - 1))
        return
    body = text_of(i, 20 + i % 60)
    w(' {\n  "id": %d,\n  "type": "message",\n  "date": "2023-11-14T22:13:20",\n'
      '  "date_unixtime": "%d",\n  "from": "Canal Bench",\n'
      '  "from_id": "channel1000",\n' % (i, date))
    if i % 7 == 0:
        w('  "forwarded_from": "Agence %d",\n' % (i % 13))
    if i % 11 == 0:
        w('  "photo": "(File not included. Change data exporting settings to download.)",\n'
          '  "width": 1280,\n  "height": 720,\n')
    if i % 3 == 0:
        w('  "text": [\n   "%s ",\n   {\n    "type": "hashtag",\n    "text": "#actu%d"\n   },\n'
          '   " ",\n   {\n    "type": "text_link",\n    "text": "source",\n'
          '    "href": "https://example.org/%d"\n   }\n  ],\n' % (body, i % 97, i))
        w('  "text_entities": [\n   {\n    "type": "plain",\n    "text": "%s "\n   },\n'
          '   {\n    "type": "hashtag",\n    "text": "#actu%d"\n   },\n'
          '   {\n    "type": "plain",\n    "text": " "\n   },\n'
          '   {\n    "type": "text_link",\n    "text": "source",\n'
          '    "href": "https://example.org/%d"\n   }\n  ],\n' % (body, i % 97, i))
    else:
        w('  "text": "%s",\n  "text_entities": [\n   {\n    "type": "plain",\n'
          '    "text": "%s"\n   }\n  ],\n' % (body, body))
    w('  "reactions": [\n    {\n     "type": "emoji",\n     "count": %d,\n'
      '     "emoji": "👍"\n    }\n   ]\n }' % (i % 40 + 1))

def main():
    target = int(float(sys.argv[1]) * 1024 * 1024)
    out = sys.stdout
    out.write('{\n "name": "Canal Bench",\n "type": "public_channel",\n'
              ' "id": 1000,\n "messages": [\n')
    i = 1
    written = 0
    while written < target:
        if i > 1:
            out.write(",\n")
        start = out.tell() if out.seekable() else None
        message(i, out)
        written = out.tell() if start is not None else written + 900
        i += 1
    out.write('\n ]\n}')

main()
