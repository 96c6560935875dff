#!/usr/bin/env python3
"""Writes a ctk document stream (TSV) of N synthetic messages to stdout.

Deterministic for a given seed: channels, dates over three years, French
and English sentences built from a fixed vocabulary, some forwards,
hashtags and links. Used by the store benchmark and the store tests.
usage: gen_docs.py N [SEED] [--ids-from K]
"""
import random
import sys

FR = ("le la les un une des de du et à en pour que qui dans sur avec par "
      "Telegram Durov chaîne message canal réseau enquête justice Paris "
      "France modération utilisateurs données plateforme gouvernement "
      "aujourd'hui l'État d'après selon rapport publié nouvelle loi").split()
EN = ("the a of and to in for that with on by from is was are "
      "Telegram Durov channel message network investigation court Paris "
      "France moderation users data platform government today report "
      "published new law privacy security").split()
CHANNELS = ["Veille Numérique", "Tech Watch", "Canal Info", "World Desk",
            "Le Fil", "Daily Brief", "Revue de Presse", "Signal Room"]


def main():
    n = int(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else 1
    start = 0
    if "--ids-from" in sys.argv:
        start = int(sys.argv[sys.argv.index("--ids-from") + 1])
    rnd = random.Random(seed)
    out = sys.stdout
    out.write("id\tkind\tsource\tchannel\tdate\tauthor\ttitle\turl\tfwd_from\t"
              "reply_to\tlang\ttext\tviews\thashtags\n")
    base = 1640995200  # 2022-01-01T00:00:00Z
    for i in range(start, start + n):
        ch = CHANNELS[i % len(CHANNELS)]
        lang = "fr" if i % 3 else "en"
        words = FR if lang == "fr" else EN
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 40)))
        t = base + (i * 97) % (3 * 365 * 86400)
        days, secs = divmod(t, 86400)
        y, m, d = civil(days)
        date = "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
            y, m, d, secs // 3600, secs // 60 % 60, secs % 60)
        fwd = CHANNELS[(i + 3) % len(CHANNELS)] if i % 7 == 0 else ""
        tags = "#Telegram" if "Telegram" in text else ""
        out.write("%s:%d\tmessage\tbench\t%s\t%s\t\t\t\t%s\t\t%s\t%s\t%d\t%s\n" % (
            ch, i, ch, date, fwd, lang, text, rnd.randint(0, 100000), tags))


def civil(days):
    """Days since 1970-01-01 to (year, month, day), proleptic Gregorian."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (m <= 2), m, d)


if __name__ == "__main__":
    main()
