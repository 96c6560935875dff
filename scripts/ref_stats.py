#!/usr/bin/env python3
"""Reference implementation of the ctk stats measures, for testing.

Written from the formulas in the literature (cited per function), not from
the C code, with the standard library only. Subcommands:

  corpus OUTDIR        build test inputs from the Telegram exports in
                       $CORPORA/telegram: docs.tsv (the real messages) and
                       big.tsv (synthetic documents drawn from their
                       vocabulary with a fixed seed), plus vertical.tsv
  freq|ngrams|keyness|colloc|timeline|network|summary|dispersion ARGS
                       print the table ctk-stats prints
  compare A B KEYCOLS  compare two tables: same rows (by KEYCOLS, comma
                       separated), numbers within 1e-9 relative
"""
import datetime
import hashlib
import json
import math
import os
import random
import re
import statistics
import unicodedata
import sys

# ---------------------------------------------------------------- TSV io


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}.get(n, c + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def escape(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def read_tsv(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    head = [unescape(x) for x in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        rows.append(dict(zip(head, [unescape(x) for x in line.split("\t")])))
    return head, rows


def write_tsv(head, rows, out=sys.stdout):
    out.write("\t".join(head) + "\n")
    for r in rows:
        out.write("\t".join(escape(str(x)) for x in r) + "\n")


def bkey(s):
    """Bytewise order, as the C code sorts."""
    return s.encode("utf-8")


def f6(x):
    return "%.6f" % x


def g17(x):
    return "%.17g" % x

# ---------------------------------------------------------------- corpus


def flatten(text):
    if isinstance(text, str):
        return text
    return "".join(t if isinstance(t, str) else t.get("text", "") for t in text)


def entities(text, kind):
    if isinstance(text, str):
        return []
    out = []
    for t in text:
        if isinstance(t, dict) and t.get("type") == kind:
            out.append(t.get("href") or t.get("text"))
    return out


def fold(word):
    """Full Unicode case folding then NFC (Python's str.casefold)."""
    return unicodedata.normalize("NFC", word.casefold())


def simple_tokens(text):
    return re.findall(r"\w+", text.lower())


def load_messages(root):
    docs = []
    for name in sorted(os.listdir(root)):
        if not name.endswith(".json"):
            continue
        data = json.load(open(os.path.join(root, name), encoding="utf-8"))
        chats = []
        if "messages" in data:
            chats.append((data.get("name") or name, data["messages"]))
        for c in data.get("chats", {}).get("list", []):
            chats.append((c.get("name") or name, c.get("messages", [])))
        for chat, msgs in chats:
            for i, m in enumerate(msgs):
                if m.get("type", "message") != "message":
                    continue
                text = flatten(m.get("text", ""))
                date = m.get("date", "")
                if not date and m.get("date_unixtime"):
                    date = datetime.datetime.fromtimestamp(
                        int(m["date_unixtime"]), datetime.timezone.utc
                    ).strftime("%Y-%m-%dT%H:%M:%S")
                raw = m.get("text", "")
                docs.append({
                    "id": "%s:%s" % (name, m.get("id", i)),
                    "channel": chat,
                    "date": date + "Z" if date else "",
                    "author": m.get("author") or m.get("from") or "",
                    "fwd_from": m.get("forwarded_from") or "",
                    "text": text,
                    "hashtags": " ".join(entities(raw, "hashtag")),
                    "mentions": " ".join(entities(raw, "mention")),
                    "links": " ".join(entities(raw, "text_link") +
                                      entities(raw, "link")),
                })
    return docs


DOC_HEAD = ["id", "kind", "channel", "date", "author", "fwd_from", "lang",
            "text", "links", "hashtags", "mentions", "text_hash", "tokens"]


def doc_row(d):
    toks = simple_tokens(d["text"])
    h = hashlib.sha1(d["text"].encode("utf-8")).hexdigest()[:16]
    return [d["id"], "message", d["channel"], d["date"], d["author"],
            d["fwd_from"], d.get("lang", ""), d["text"], d["links"],
            d["hashtags"], d["mentions"], h, " ".join(toks)]


def synthetic(docs, n, seed=13):
    """Documents drawn from the real vocabulary, channels, hashtags,
    mentions and links, with dates over 2024, some repeated texts
    (forwards) and some empty dates."""
    rng = random.Random(seed)
    vocab = sorted({t for d in docs for t in simple_tokens(d["text"])})
    rng.shuffle(vocab)
    # a Zipf-like weight so that frequencies are skewed like text
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    tags = sorted({t for d in docs for t in d["hashtags"].split()}) or ["#x"]
    ments = sorted({t for d in docs for t in d["mentions"].split()}) or ["@x"]
    links = sorted({t for d in docs for t in d["links"].split()}) or ["http://a.b/"]
    chans = ["Canal Un", "chan_b", "Été 2024", "d"]
    out = []
    start = datetime.date(2024, 1, 1)
    for i in range(n):
        k = rng.randint(0, 40)
        words = rng.choices(vocab, weights, k=k)
        if rng.random() < 0.1:
            words.insert(rng.randint(0, len(words)), "État")
        text = " ".join(words)
        if out and rng.random() < 0.08:
            text = out[rng.randrange(len(out))]["text"]
        day = start + datetime.timedelta(days=rng.randint(0, 400))
        date = "" if rng.random() < 0.03 else \
            "%sT%02d:%02d:00Z" % (day.isoformat(), rng.randint(0, 23),
                                  rng.randint(0, 59))
        chan = rng.choice(chans)
        out.append({
            "id": "syn:%d" % i, "channel": chan, "date": date,
            "author": rng.choice(["", "Ann", "Bob"]),
            "fwd_from": rng.choice(["", "", "Source A", "Source B", chan]),
            "text": text, "lang": rng.choice(["en", "fr"]),
            "hashtags": " ".join(rng.sample(tags, min(len(tags), rng.randint(0, 3)))),
            "mentions": " ".join(rng.sample(ments, min(len(ments), rng.randint(0, 2)))),
            "links": " ".join(rng.sample(links, min(len(links), rng.randint(0, 2)))),
        })
    return out


def cmd_corpus(argv):
    outdir = argv[0]
    root = os.path.join(os.environ.get("CORPORA", "/work/shared/corpora"),
                        "telegram")
    docs = load_messages(root)
    with open(os.path.join(outdir, "docs.tsv"), "w", encoding="utf-8") as f:
        write_tsv(DOC_HEAD, [doc_row(d) for d in docs], f)
    with open(os.path.join(outdir, "big.tsv"), "w", encoding="utf-8") as f:
        write_tsv(DOC_HEAD, [doc_row(d) for d in synthetic(docs, 3000)], f)
    # vertical: sentences of 7 tokens, to test that n-grams and windows
    # stop at sentence ends
    with open(os.path.join(outdir, "vertical.tsv"), "w", encoding="utf-8") as f:
        rows = []
        for d in synthetic(docs, 300, seed=5):
            for p, t in enumerate(simple_tokens(d["text"])):
                rows.append([d["id"], p // 7 + 1, p + 1, t, "word"])
        write_tsv(["id", "sent", "pos", "token", "type"], rows, f)

# ---------------------------------------------------------------- documents


def documents(path, column="tokens", by=None, unique=False):
    """(group, [segments of tokens], row) per document."""
    head, rows = read_tsv(path)
    if "token" in head and column not in head:
        docs, cur = [], None
        for r in rows:
            if cur is None or r["id"] != cur[0]:
                cur = [r["id"], r, [], None]
                docs.append(cur)
            if r["sent"] != cur[3]:
                cur[2].append([])
                cur[3] = r["sent"]
            if r["token"]:
                cur[2][-1].append(r["token"])
        for _, r, segs, _ in docs:
            yield (r.get(by, "") if by else ""), segs, r
        return
    seen = set()
    for r in rows:
        if unique and r.get("text_hash"):
            if r["text_hash"] in seen:
                continue
            seen.add(r["text_hash"])
        toks = [t for t in r.get(column, "").split(" ") if t]
        yield (r.get(by, "") if by else ""), [toks], r

# ---------------------------------------------------------------- freq


def freq_table(path, by=None, unique=False, ns=None, top=0, min_count=0):
    counts, docs, totals = {}, {}, {}
    for di, (g, segs, _) in enumerate(documents(path, by=by, unique=unique)):
        for n in (ns or [1]):
            made = 0
            for seg in segs:
                for i in range(len(seg) - n + 1):
                    term = " ".join(seg[i:i + n])
                    counts[(g, term)] = counts.get((g, term), 0) + 1
                    docs.setdefault((g, term), set()).add(di)
                    made += 1
            totals[(g, n)] = totals.get((g, n), 0) + made
    rows = []
    for (g, term), c in counts.items():
        n = term.count(" ") + 1
        rows.append((g, n, term, c, len(docs[(g, term)]), totals[(g, n)]))
    rows.sort(key=lambda r: (bkey(r[0]), r[1], -r[3], bkey(r[2])))
    out, block, rank, pos = [], None, 0, 0
    prev = None
    for r in rows:
        if (r[0], r[1]) != block:
            block, pos, prev = (r[0], r[1]), 0, None
        pos += 1
        if r[3] != prev:
            rank = pos
        prev = r[3]
        if r[3] < min_count or (top and pos > top):
            continue
        out.append(([r[0]] if by else []) + ([r[1]] if ns else []) +
                   [rank, r[2], r[3], r[4], f6(r[3] * 1e6 / r[5]), r[5]])
    head = (["group"] if by else []) + (["n"] if ns else []) + \
        ["rank", "term", "count", "docs", "per_million", "total"]
    return head, out, totals

# ---------------------------------------------------------------- keyness


def xlx(o, e):
    return o * math.log(o / e) if o > 0 else 0.0


def g2_2term(a, b, n1, n2):
    """Rayson & Garside (2000): expected values E1 = n1 (a+b) / (n1+n2),
    E2 = n2 (a+b) / (n1+n2); G2 = 2 (a ln(a/E1) + b ln(b/E2))."""
    e1 = n1 * (a + b) / (n1 + n2)
    e2 = n2 * (a + b) / (n1 + n2)
    return 2 * (xlx(a, e1) + xlx(b, e2))


def table2x2(a, b, n1, n2):
    """Observed and expected cells of the term/other x target/reference
    table: E_ij = row_i col_j / N."""
    obs = [[a, b], [n1 - a, n2 - b]]
    rows = [a + b, n1 + n2 - a - b]
    cols = [n1, n2]
    n = n1 + n2
    return [(obs[i][j], rows[i] * cols[j] / n) for i in range(2) for j in range(2)]


def g2_4term(a, b, n1, n2):
    """Dunning (1993): G2 = 2 sum O ln(O/E) over the four cells."""
    return 2 * sum(xlx(o, e) for o, e in table2x2(a, b, n1, n2))


def chi2(a, b, n1, n2, yates):
    """Pearson: sum (O-E)^2/E; Yates: sum (max(0, |O-E| - 0.5))^2/E."""
    s = 0.0
    for o, e in table2x2(a, b, n1, n2):
        if e <= 0:
            return 0.0
        d = abs(o - e)
        if yates:
            d = max(0.0, d - 0.5)
        s += d * d / e
    return s


def keyness(tpath, rpath, by=None, target=None, g2form="4term", yates=False,
            measure="g2", min_count=0, top=0, alpha=0, correction="none"):
    def table(path, keep):
        _, rows, totals = freq_table(path, by=by)
        c, tot = {}, {}
        for g, segs, _ in []:
            pass
        for r in rows:
            g = r[0] if by else ""
            if not keep(g):
                continue
            term = r[-5]
            c[term] = c.get(term, 0) + r[-4]
        for (g, n), v in totals.items():
            if keep(g):
                tot[n] = tot.get(n, 0) + v
        return c, tot
    if target is not None:
        tc, tt = table(tpath, lambda g: g == target)
        rc, rt = table(tpath, lambda g: g != target)
    else:
        tc, tt = table(tpath, lambda g: True)
        rc, rt = table(rpath, lambda g: True)
    out = []
    for term in set(tc) | set(rc):
        a, b = tc.get(term, 0), rc.get(term, 0)
        n = term.count(" ") + 1
        n1, n2 = tt.get(n, 0), rt.get(n, 0)
        if a + b < min_count or n1 <= 0 or n2 <= 0:
            continue
        g2 = g2_4term(a, b, n1, n2) if g2form == "4term" else g2_2term(a, b, n1, n2)
        # Hardie (2014): zero frequencies replaced by 0.5
        rr = ((a if a else 0.5) / n1) / ((b if b else 0.5) / n2)
        lr = math.log2(rr)
        # Gabrielatos & Marchi (2012): NF per million, zero -> 1e-18
        nf1, nf2 = a / n1 * 1e6, b / n2 * 1e6
        pd = (nf1 - nf2) * 100 / (nf2 if nf2 else 1e-18)
        p = math.erfc(math.sqrt(g2 / 2)) if g2 > 0 else 1.0
        c2 = chi2(a, b, n1, n2, yates)
        pos = a * n2 > b * n1
        strength = {"g2": g2, "chi2": c2, "log_ratio": abs(lr),
                    "pct_diff": abs(pd), "relative_risk": max(rr, 1 / rr)}[measure]
        out.append((pos, strength, term, [term, a, b, g17(a * 1e6 / n1),
                    g17(b * 1e6 / n2), "+" if pos else "-", g17(g2), g17(c2),
                    g17(lr), g17(pd), g17(rr), g17(p)], p))
    m = len(out)
    limit = {"none": alpha, "bonferroni": alpha / m if m else alpha,
             "sidak": 1 - (1 - alpha) ** (1 / m) if m else alpha}[correction]
    out.sort(key=lambda r: (not r[0], -r[1], bkey(r[2])))
    rows, shown = [], {True: 0, False: 0}
    for pos, _, _, row, p in out:
        if alpha and not p < limit:
            continue
        if top and shown[pos] >= top:
            continue
        shown[pos] += 1
        rows.append(row)
    head = ["term", "count_target", "count_ref", "per_million_target",
            "per_million_ref", "direction", "g2_" + g2form,
            "chi2_yates" if yates else "chi2", "log_ratio", "pct_diff",
            "relative_risk", "p"]
    return head, rows

# ---------------------------------------------------------------- colloc


def colloc(path, node=None, left=5, right=5, min_freq=1, measure="g2", top=0):
    """Evert (2008): E = f1 f2 / N; MI = log2(O/E) (Church & Hanks 1990);
    MI3 = log2(O^3/E) (Daille 1994); t = (O-E)/sqrt(O); z = (O-E)/sqrt(E);
    G2 over the 2x2 table; Dice = 2 O / (f1 + f2); logDice = 14 + log2 Dice
    (Rychly 2008). Node spans: the union of the windows, each token once."""
    freq, joint, n_tok = {}, {}, 0
    for _, segs, _ in documents(path):
        flat = [(si, t) for si, seg in enumerate(segs) for t in seg]
        for _, t in flat:
            freq[t] = freq.get(t, 0) + 1
        n_tok += len(flat)
        if node is not None:
            span = set()
            for i, (si, t) in enumerate(flat):
                if t != node:
                    continue
                for j in range(i - left, i + right + 1):
                    if 0 <= j < len(flat) and j != i and flat[j][0] == si:
                        span.add(j)
            for j in span:
                k = (node, flat[j][1])
                joint[k] = joint.get(k, 0) + 1
        else:
            for i, (si, t) in enumerate(flat):
                for j in range(i + 1, min(len(flat), i + right + 1)):
                    if flat[j][0] != si:
                        break
                    k = (t, flat[j][1])
                    joint[k] = joint.get(k, 0) + 1
    rows = []
    N = n_tok
    for (w1, w2), o in joint.items():
        if o < min_freq:
            continue
        f1, f2 = freq[w1], freq[w2]
        e = f1 * f2 / N
        cells = [(o, f1 * f2 / N), (f1 - o, f1 * (N - f2) / N),
                 (f2 - o, (N - f1) * f2 / N),
                 (N - f1 - f2 + o, (N - f1) * (N - f2) / N)]
        g2 = 2 * sum(xlx(x, ex) for x, ex in cells if x > 0)
        dice = 2 * o / (f1 + f2)
        m = {"mi": math.log2(o / e), "mi3": math.log2(o ** 3 / e),
             "t_score": (o - e) / math.sqrt(o), "z_score": (o - e) / math.sqrt(e),
             "g2": g2, "dice": dice, "log_dice": 14 + math.log2(dice),
             "observed": o}
        rows.append((m[measure], w1, w2, [w1, w2, o, g17(e), f1, f2] +
                     [g17(m[k]) for k in ("mi", "mi3", "t_score", "z_score",
                                          "g2", "dice", "log_dice")]))
    rows.sort(key=lambda r: (-r[0], bkey(r[2]), bkey(r[1])))
    if top:
        rows = rows[:top]
    head = ["node", "collocate"] if node else ["w1", "w2"]
    head += ["observed", "expected", "f1", "f2", "mi", "mi3", "t_score",
             "z_score", "g2", "dice", "log_dice"]
    return head, [r[3] for r in rows]

# ---------------------------------------------------------------- timeline


def period(date, unit):
    d = datetime.date.fromisoformat(date[:10])
    if unit == "day":
        return d.toordinal()
    if unit == "week":
        return (d - datetime.timedelta(days=d.weekday())).toordinal()
    if unit == "month":
        return d.year * 12 + d.month - 1
    return d.year


def label(o, unit):
    if unit == "day":
        return datetime.date.fromordinal(o).isoformat()
    if unit == "week":
        y, w, _ = datetime.date.fromordinal(o).isocalendar()
        return "%04d-W%02d" % (y, w)
    if unit == "month":
        return "%04d-%02d" % (o // 12, o % 12 + 1)
    return "%04d" % o


def timeline(path, unit="day", by=None, term=None, unique=False):
    cells, groups = {}, set()
    for g, segs, r in documents(path, by=by, unique=unique):
        try:
            o = period(r.get("date", ""), unit)
        except ValueError:
            continue
        n = 1 if term is None else sum(t == term for s in segs for t in s)
        groups.add(g)
        cells[(g, o)] = cells.get((g, o), 0) + n
    rows = []
    if cells:
        os_ = [o for _, o in cells]
        step = 7 if unit == "week" else 1
        for g in sorted(groups, key=bkey):
            for o in range(min(os_), max(os_) + 1, step):
                rows.append(([g] if by else []) + [label(o, unit), cells.get((g, o), 0)])
    return (["group"] if by else []) + ["period", "count"], rows

# ---------------------------------------------------------------- network


def host(url):
    m = re.match(r"^[^:/?#]*://([^/?#]*)", url)
    h = m.group(1) if m else re.match(r"^([^/?#]*)", url).group(1)
    h = h.rsplit("@", 1)[-1].split(":")[0].lower()
    return h[4:] if h.startswith("www.") and len(h) > 4 else h


def network(path, kind, unique=False, min_count=0):
    w = {}

    def add(s, t):
        if s and t:
            w[(s, t)] = w.get((s, t), 0) + 1
    for _, _, r in documents(path, unique=unique):
        if kind == "fwd":
            add(r["channel"], r["fwd_from"])
        elif kind == "mention":
            src = r["author"] or r["channel"]
            for m in r["mentions"].split():
                add(src, m[1:] if m.startswith("@") else m)
        elif kind == "domain":
            for u in r["links"].split():
                add(r["channel"], host(u))
        else:
            tags = sorted(set(r["hashtags"].split()), key=bkey)
            for i in range(len(tags)):
                for j in range(i + 1, len(tags)):
                    add(tags[i], tags[j])
    rows = sorted(((s, t, c) for (s, t), c in w.items() if c >= min_count),
                  key=lambda e: (-e[2], bkey(e[0]), bkey(e[1])))
    return ["source", "target", "weight"], [list(e) for e in rows]

# ---------------------------------------------------------------- summary


def summary(path, by=None):
    per = {}
    for g, segs, r in documents(path, by=by):
        toks = [t for s in segs for t in s]
        p = per.setdefault(g, {"docs": 0, "lens": [], "vocab": {}, "dates": []})
        p["docs"] += 1
        p["lens"].append(len(toks))
        for t in toks:
            p["vocab"][t] = p["vocab"].get(t, 0) + 1
        if r.get("date"):
            p["dates"].append(r["date"])
    rows = []
    for g in sorted(per, key=bkey):
        p = per[g]
        ntok = sum(p["lens"])
        types = len(p["vocab"])
        rows.append(([g] if by else []) + [
            p["docs"], ntok, types, g17(types / ntok if ntok else 0),
            sum(1 for c in p["vocab"].values() if c == 1),
            g17(ntok / p["docs"]), g17(statistics.median(p["lens"])),
            min(p["dates"], key=bkey) if p["dates"] else "",
            max(p["dates"], key=bkey) if p["dates"] else ""])
    head = (["group"] if by else []) + ["documents", "tokens", "types", "ttr",
                                        "hapaxes", "mean_length",
                                        "median_length", "first_date",
                                        "last_date"]
    return head, rows

# ---------------------------------------------------------------- dispersion


def dispersion(path, terms, by=None):
    """Juilland's D on relative frequencies v_i = f_i / s_i:
    D = 1 - (pstdev(v) / mean(v)) / sqrt(n - 1)."""
    sizes, cells, count, docs = {}, {}, {}, {}
    for i, (g, segs, _) in enumerate(documents(path, by=by)):
        part = g if by else i
        toks = [t for s in segs for t in s]
        sizes[part] = sizes.get(part, 0) + len(toks)
        for t in toks:
            if t in terms:
                cells[(t, part)] = cells.get((t, part), 0) + 1
                count[t] = count.get(t, 0) + 1
                docs.setdefault(t, set()).add(i)
    sizes = {p: s for p, s in sizes.items() if s > 0}
    rows = []
    for t in terms:
        n = len(sizes)
        v = [cells.get((t, p), 0) / s if s else 0 for p, s in sizes.items()]
        rng = sum(1 for p in sizes if (t, p) in cells)
        mean = sum(v) / n if n else 0
        d = "" if n < 2 or mean <= 0 else \
            g17(1 - (statistics.pstdev(v) / mean) / math.sqrt(n - 1))
        rows.append([t, count.get(t, 0), len(docs.get(t, ())), n, rng,
                     g17(100 * rng / n) if n else "", d])
    return ["term", "count", "docs", "parts", "range", "range_pct",
            "juilland_d"], rows

# ---------------------------------------------------------------- kwic


def kwic(path, query, width=40, tokens=0, sort=None):
    """Words are runs of \\w (letters, digits, underscore), compared after
    casefold + NFC; a phrase is consecutive words; contexts are cut by
    code points (or words) with tabs and line breaks as spaces."""
    _, rows = read_tsv(path)
    q = [fold(w) for w in re.findall(r"\w+", query)]
    out = []
    clean = str.maketrans("\t\n\r", "   ")
    for r in rows:
        text = r["text"]
        words = [(m.start(), m.end(), fold(m.group()))
                 for m in re.finditer(r"\w+", text)]
        for i in range(len(words) - len(q) + 1):
            if [w[2] for w in words[i:i + len(q)]] != q:
                continue
            s, e = words[i][0], words[i + len(q) - 1][1]
            if tokens:
                lo = words[i - tokens][0] if i >= tokens else 0
                j = i + len(q) - 1 + tokens
                hi = words[j][1] if j < len(words) else len(text)
            else:
                lo, hi = max(0, s - width), e + width
            keys = {}
            for k in range(1, 6):
                keys["left%d" % k] = words[i - k][2] if i - k >= 0 else ""
                j = i + len(q) - 1 + k
                keys["right%d" % k] = words[j][2] if j < len(words) else ""
            out.append((keys, [r["id"], text[lo:s].translate(clean),
                               text[s:e], text[e:hi].translate(clean)]))
    if sort:
        out.sort(key=lambda h: [bkey(h[0][k]) for k in sort.split(",")])
    return ["id", "left", "match", "right"], [h[1] for h in out]


# ---------------------------------------------------------------- compare


def is_num(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def cmd_compare(argv):
    a, b, keys = argv[0], argv[1], argv[2].split(",")
    ha, ra = read_tsv(a)
    hb, rb = read_tsv(b)
    if ha != hb:
        print("headers differ: %s / %s" % (ha, hb))
        return 1
    ka = {tuple(r[k] for k in keys): r for r in ra}
    kb = {tuple(r[k] for k in keys): r for r in rb}
    if len(ka) != len(ra) or set(ka) != set(kb):
        print("rows differ: %d vs %d, only in first: %s, only in second: %s"
              % (len(ra), len(rb), list(set(ka) - set(kb))[:3],
                 list(set(kb) - set(ka))[:3]))
        return 1
    bad = 0
    order_a = [tuple(r[k] for k in keys) for r in ra]
    order_b = [tuple(r[k] for k in keys) for r in rb]
    if order_a != order_b:
        i = next(i for i in range(len(order_a)) if order_a[i] != order_b[i])
        print("row order differs at row %d: %s vs %s" % (i + 1, order_a[i],
                                                         order_b[i]))
        bad += 1
    for k, r in ka.items():
        for col in ha:
            x, y = r[col], kb[k][col]
            if x == y:
                continue
            if is_num(x) and is_num(y):
                fx, fy = float(x), float(y)
                if abs(fx - fy) <= 1e-9 * max(abs(fx), abs(fy)):
                    continue
            if bad < 5:
                print("%s %s: %s vs %s" % (k, col, x, y))
            bad += 1
    return 1 if bad else 0


def main():
    cmd, argv = sys.argv[1], sys.argv[2:]
    if cmd == "corpus":
        return cmd_corpus(argv)
    if cmd == "compare":
        return cmd_compare(argv)
    opts = {}
    rest = []
    i = 0
    while i < len(argv):
        if argv[i].startswith("-") and len(argv[i]) > 1:
            k = argv[i].lstrip("-").replace("-", "_")
            if k in ("unique_texts", "yates", "pairs"):
                opts[k] = True
                i += 1
            else:
                opts.setdefault(k, []).append(argv[i + 1])
                i += 2
        else:
            rest.append(argv[i])
            i += 1
    for k in ("term", "node"):
        if k in opts:
            opts[k] = [fold(t) for t in opts[k]]
    one = {k: v[-1] for k, v in opts.items() if isinstance(v, list)}
    by = one.get("by")
    if cmd in ("freq", "ngrams"):
        ns = None
        if cmd == "ngrams":
            lo, _, hi = one.get("n", "2").partition("-")
            ns = list(range(int(lo), int(hi or lo) + 1))
        head, rows, _ = freq_table(rest[0], by=by, unique=opts.get("unique_texts", False),
                                   ns=ns, top=int(one.get("top", 0)),
                                   min_count=int(one.get("min_count", 0)))
    elif cmd == "keyness":
        head, rows = keyness(rest[0], rest[1] if len(rest) > 1 else None,
                             by=by, target=one.get("target"),
                             g2form=one.get("g2", "4term"),
                             yates=opts.get("yates", False),
                             measure=one.get("measure", "g2"),
                             min_count=int(one.get("min_count", 0)),
                             top=int(one.get("top", 0)),
                             alpha=float(one.get("alpha", 0)),
                             correction=one.get("correction", "none"))
    elif cmd == "colloc":
        l, _, r = one.get("window", "5,5").partition(",")
        head, rows = colloc(rest[0], node=one.get("node"),
                            left=int(l), right=int(r or l),
                            min_freq=int(one.get("min_freq", 1)),
                            measure=one.get("measure", "g2"),
                            top=int(one.get("top", 0)))
    elif cmd == "timeline":
        head, rows = timeline(rest[0], unit=one.get("unit", "day"), by=by,
                              term=one.get("term"),
                              unique=opts.get("unique_texts", False))
    elif cmd == "network":
        head, rows = network(rest[1], rest[0],
                             unique=opts.get("unique_texts", False),
                             min_count=int(one.get("min_count", 0)))
    elif cmd == "summary":
        head, rows = summary(rest[0], by=by)
    elif cmd == "kwic":
        head, rows = kwic(rest[1], rest[0], width=int(one.get("width", 40)),
                          tokens=int(one.get("tokens", 0)),
                          sort=one.get("sort"))
    elif cmd == "dispersion":
        head, rows = dispersion(rest[0], opts["term"], by=by)
    else:
        sys.exit("unknown command " + cmd)
    write_tsv(head, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
