#!/bin/sh
# ctk report on the bundled sample (testdata/sample/*.json through ctk
# ingest): the page is well-formed XHTML, self-contained, escapes hostile
# text, shows the numbers ctk stats computes for the same tokens, and
# renders in headless Chromium (PNG and PDF, no console message, charts
# with a size). Prints PASS/FAIL/SKIP lines.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8

pass() { echo "PASS report/$1"; }
fail() { echo "FAIL report/$1"; }
result() { if [ "$2" -eq 0 ]; then pass "$1"; else fail "$1"; fi; }

if [ ! -x "$bin/ctk-report" ] || [ ! -x "$bin/ctk-ingest" ]; then
	echo "FAIL report/build: bin/ctk-report or bin/ctk-ingest missing"
	exit 0
fi
"$bin/ctk-ingest" -q "$top"/testdata/sample/veille-numerique.json "$top"/testdata/sample/tech-watch.json >"$tmp/sample.tsv"
"$bin/ctk-ingest" -q --db "$tmp/sample.db" "$top"/testdata/sample/veille-numerique.json "$top"/testdata/sample/tech-watch.json
"$bin/ctk-report" -q "$tmp/sample.db" -o "$tmp/report.html"
result runs $?

# ---- the page itself ----

if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$tmp/report.html" 2>"$tmp/xmllint.err"
	result xhtml-well-formed $?
else
	echo "SKIP report/xhtml-well-formed: xmllint not found"
fi

# self-contained: no script, no resource loaded from anywhere
if grep -Eiq '<script|<link|<img|<iframe|<object|src=|@import|url\(http' \
    "$tmp/report.html"; then
	fail self-contained
else
	pass self-contained
fi

# the same corpus from a store and from a stream: the same page
"$bin/ctk-report" -q "$tmp/sample.tsv" >"$tmp/stream.html"
sed 's|'"$tmp"'/sample\.db||' "$tmp/report.html" >"$tmp/a.html"
sed 's|'"$tmp"'/sample\.tsv||' "$tmp/stream.html" >"$tmp/b.html"
cmp -s "$tmp/a.html" "$tmp/b.html"
result store-and-stream-agree $?

"$bin/ctk-report" -q <"$tmp/sample.tsv" >"$tmp/stdin.html"
sed 's|&lt;stdin&gt;||' "$tmp/stdin.html" >"$tmp/c.html"
cmp -s "$tmp/b.html" "$tmp/c.html"
result stdin-like-file $?

"$bin/ctk-report" -q "$tmp/sample.db" -o "$tmp/again.html"
cmp -s "$tmp/report.html" "$tmp/again.html"
result deterministic $?

# ---- the numbers are those of ctk stats ----

if command -v python3 >/dev/null 2>&1 && [ -x "$bin/ctk-stats" ] &&
    [ -x "$bin/ctk-tokenize" ] && [ -x "$bin/ctk-classify" ]; then
	"$bin/ctk-classify" lang -q "$tmp/sample.tsv" |
	    "$bin/ctk-tokenize" -q --stopwords fr,en --types word \
	    >"$tmp/tokens.tsv"
	"$bin/ctk-stats" summary "$tmp/tokens.tsv" >"$tmp/summary.tsv"
	"$bin/ctk-stats" freq --by lang --top 20 "$tmp/tokens.tsv" \
	    >"$tmp/freq.tsv"
	"$bin/ctk-stats" freq --by channel "$tmp/tokens.tsv" >"$tmp/fc.tsv"
	"$bin/ctk-stats" keyness --target 'Tech Watch' --alpha 0.05 --top 15 \
	    "$tmp/fc.tsv" >"$tmp/key.tsv"
	"$bin/ctk-stats" timeline --by channel --unit month "$tmp/tokens.tsv" \
	    >"$tmp/timeline.tsv"
	"$bin/ctk-stats" network fwd --nodes "$tmp/sample.tsv" >"$tmp/fwd.tsv"
	python3 - "$tmp" <<'PY' >"$tmp/numbers.out"
import sys
import xml.dom.minidom

tmp = sys.argv[1]
dom = xml.dom.minidom.parse(tmp + "/report.html")

def text(n):
    return "".join(t.data for t in n.childNodes if t.nodeType == t.TEXT_NODE) \
        if n.nodeType == n.ELEMENT_NODE and not any(
            c.nodeType == c.ELEMENT_NODE for c in n.childNodes) \
        else "".join(text(c) if c.nodeType == c.ELEMENT_NODE else c.data
                     for c in n.childNodes)

def table(caption_start, after=None):
    """Rows (lists of cell texts) of the first table whose caption starts
    with caption_start (after the h3 titled after, when given)."""
    seen = after is None
    for el in dom.getElementsByTagName("*"):
        if el.tagName == "h3" and after is not None and text(el) == after:
            seen = True
        if seen and el.tagName == "table":
            cap = el.getElementsByTagName("caption")
            if cap and text(cap[0]).startswith(caption_start):
                body = el.getElementsByTagName("tbody")[0]
                return [[text(c) for c in tr.childNodes
                         if c.nodeType == c.ELEMENT_NODE]
                        for tr in body.getElementsByTagName("tr")]
    return None

def tsv(name):
    lines = open(tmp + "/" + name, encoding="utf-8").read().splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:]]

def check(name, ok):
    print(("PASS" if ok else "FAIL") + " report/" + name)

facts = {text(dt): text(dt.nextSibling)
         for dt in dom.getElementsByTagName("dt")}
s = tsv("summary.tsv")[0]
check("summary-as-stats-summary",
      facts.get("Documents") == s["documents"]
      and facts.get("Mots distincts") == s["types"]
      and facts.get("Occurrences de mots (mots vides retirés)") == s["tokens"]
      and facts.get("Première date") == s["first_date"][:10])

ok = True
for lang in ("fr", "en"):
    rows = table("Mots les plus fréquents en " + lang)
    want = [[r["rank"], r["term"], r["count"], r["docs"], r["per_million"]]
            for r in tsv("freq.tsv") if r["group"] == lang]
    ok = ok and rows == want and len(rows) == 20
check("top-terms-as-stats-freq", ok)

rows = table("Mots-clés de ce canal", after="Tech Watch")
want = [[r["term"], r["count_target"], r["count_ref"], r["g2_4term"],
         r["log_ratio"]] for r in tsv("key.tsv") if r["direction"] == "+"]
check("keywords-as-stats-keyness", rows == want and len(want) > 0)

rows = table("Les nombres du graphique")
tl = tsv("timeline.tsv")
periods = sorted({r["period"] for r in tl})
groups = sorted({r["group"] for r in tl})
want = {(r["group"], r["period"]): r["count"] for r in tl}
# channels are ordered busiest first in the report
got = {}
headers = None
for el in dom.getElementsByTagName("table"):
    cap = el.getElementsByTagName("caption")
    if cap and text(cap[0]).startswith("Les nombres du graphique"):
        headers = [text(th) for th in
                   el.getElementsByTagName("thead")[0]
                   .getElementsByTagName("th")][1:]
for row in rows or []:
    for g, v in zip(headers or [], row[1:]):
        got[(g, row[0])] = v
check("timeline-as-stats-timeline", got == want and len(periods) == 8)

rows = table("Transféré depuis")
want = [[r["node"], r["in_weight"], r["in_degree"]]
        for r in tsv("fwd.tsv") if r["in_weight"] != "0"]
check("forwards-as-stats-network", rows == want and len(want) == 1)

viewed = table("Messages les plus vus")
check("most-viewed", viewed is not None and viewed[0][0] == "48210"
      and viewed[0][2] == "Tech Watch")
copied = table("Textes publiés le plus souvent")
check("copied-texts", copied is not None and copied[0][:3] ==
      ["2", "1", "2025-03-17"])
PY
	cat "$tmp/numbers.out"
else
	echo "SKIP report/numbers: python3 or a ctk tool not found"
fi

# ---- hostile text ----

printf 'id\tchannel\tdate\tfwd_from\tlang\ttext\tviews\tlinks\turl\n' \
    >"$tmp/hostile.tsv"
printf 'h:1\t<b>x</b>\t2024-01-02T10:00:00Z\t"><img src=x onerror=alert(1)>\ten\t<script>alert(1)</script> & '"'"'q'"'"' \001 #<i>\t9\thttps://e.example/"x\tjavascript:alert(1)\n' \
    >>"$tmp/hostile.tsv"
"$bin/ctk-report" -q --title '<script>t</script>' "$tmp/hostile.tsv" \
    >"$tmp/hostile.html"
if ! grep -Eiq '<script|<img|<b>|<i>|href="javascript' "$tmp/hostile.html" &&
    grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;q&#39;' \
    "$tmp/hostile.html" &&
    { ! command -v xmllint >/dev/null 2>&1 ||
    xmllint --noout "$tmp/hostile.html" 2>/dev/null; }; then
	pass hostile-text-escaped
else
	fail hostile-text-escaped
fi

# ---- a real browser ----

chrome=""
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$c
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "SKIP report/chromium: chromium not installed (scripts/deps.sh)"
	exit 0
fi

browse() {
	profile=$(mktemp -d "$tmp/profile.XXXXXX")
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$profile" --hide-scrollbars "$@"
}

url="file://$tmp/report.html"
browse --enable-logging=stderr --v=0 --dump-dom "$url" >"$tmp/dom.html" \
    2>"$tmp/dom.err"
if [ -s "$tmp/dom.html" ] && ! grep -q ':CONSOLE' "$tmp/dom.err"; then
	pass chromium-loads-without-console-messages
else
	fail chromium-loads-without-console-messages
	grep ':CONSOLE' "$tmp/dom.err" | head -n 3 | sed 's/^/    /'
fi

# every chart has a nonzero size: three SVGs (languages, timeline,
# network) with positive width and height
n=$(grep -o '<svg[^>]*>' "$tmp/dom.html" |
    sed -n 's/.* width="\([0-9.]*\)".* height="\([0-9.]*\)".*/\1 \2/p' |
    awk '$1 > 0 && $2 > 0' | wc -l)
if [ "$n" -eq 3 ]; then
	pass charts-have-a-size
else
	fail "charts-have-a-size ($n of 3)"
fi

browse --window-size=1000,3000 --screenshot="$tmp/report.png" "$url" \
    >/dev/null 2>&1
browse --window-size=420,3000 --screenshot="$tmp/narrow.png" "$url" \
    >/dev/null 2>&1
browse --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" "$url" \
    >/dev/null 2>&1

# a PNG that is not blank: its decoded pixels are not all one colour
if python3 - "$tmp/report.png" "$tmp/narrow.png" <<'PY'
import struct
import sys
import zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours = set()
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        if y % 7 == 0:
            colours.update(bytes(line[i:i + 3])
                           for i in range(0, stride, bpp * 5))
        prev = line
    return w, h, len(colours)

for path in sys.argv[1:]:
    w, h, n = pixels(path)
    assert w > 0 and h > 0 and n > 8, (path, w, h, n)
PY
then
	pass chromium-screenshot-not-blank
else
	fail chromium-screenshot-not-blank
fi

if [ -s "$tmp/report.pdf" ] && head -c 5 "$tmp/report.pdf" | grep -q '%PDF' &&
    [ "$(wc -c <"$tmp/report.pdf")" -gt 10000 ]; then
	pass chromium-prints-pdf
else
	fail chromium-prints-pdf
fi

# keep the pictures for a human to look at when asked
if [ -n "${CTK_REPORT_KEEP:-}" ]; then
	mkdir -p "$CTK_REPORT_KEEP"
	cp "$tmp/report.html" "$tmp/report.png" "$tmp/narrow.png" \
	    "$tmp/report.pdf" "$CTK_REPORT_KEEP/"
fi
