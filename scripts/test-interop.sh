#!/bin/sh
# ctk's outputs read back by other people's tools: CSV and JSON Lines by
# Python's csv and json modules and by Miller, the TSV stream by Miller and
# by sqlite3's .import, GraphML by xmllint and an XML parser. Texts with
# tabs, newlines, CR, quotes, commas, backslashes and emoji must come back
# unchanged. One PASS/FAIL/SKIP line per check.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
PATH=$top/bin:$PATH
export CTK_DATADIR="$top/data"
cd "$tmp" || exit 2

if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP interop: python3 not installed"
	exit 0
fi

# The tricky texts, and the stream holding them, written by an escaper of
# our own (ctk-tsv(5): \\ \t \n \r), not by ctk.
cat >texts.py <<'EOF'
TEXTS = [
    "tab\there",
    "line one\nline two",
    'say "hi", then go',
    "back\\slash C:\\temp\\new \\n literal",
    "emoji 👨\u200d👩\u200d👧 🇫🇷 fin 😀",
    '"starts with a quote',
    "crlf\r\nend",
    'all ,"\t\\\n\'; mixed',
    "trailing backslash \\",
]

def escape(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))
EOF
python3 - <<'EOF'
from texts import TEXTS, escape
with open("in.tsv", "w", encoding="utf-8", newline="\n") as f:
    f.write("id\tchannel\tdate\ttext\n")
    for i, t in enumerate(TEXTS, 1):
        f.write("t:%d\tdemo\t2024-09-0%dT12:00:00Z\t%s\n" % (i, i, escape(t)))
EOF

# check.py KIND FILE COLUMN: the values of COLUMN in FILE read as KIND
# (csv, jsonl, json = a JSON array as Miller writes, json-crlf = the same
# from Miller's CSV reader, sqlite = one escaped value a line) are the
# tricky texts, in order.
cat >check.py <<'EOF'
import csv, json, sys
from texts import TEXTS, escape
kind, path, col = sys.argv[1:4]
with open(path, encoding="utf-8", newline="") as f:
    if kind == "csv":
        got = [r[col] for r in csv.DictReader(f)]
    elif kind == "jsonl":
        got = [json.loads(l)[col] for l in f if l.strip()]
    elif kind in ("json", "json-crlf"):
        got = [r[col] for r in json.load(f)]
    elif kind == "sqlite":
        got = f.read().split("\n")[:-1]
want = [escape(t) for t in TEXTS] if kind == "sqlite" else TEXTS
if kind == "json-crlf":
    # Miller's CSV reader turns CR LF inside a quoted field into LF
    # (ctk-tsv(5) says so); everything else must survive
    want = [t.replace("\r\n", "\n") for t in want]
if got != want:
    for g, w in zip(got, want):
        if g != w:
            print("    got %r, want %r" % (g, w))
    if len(got) != len(want):
        print("    %d values, want %d" % (len(got), len(want)))
    sys.exit(1)
EOF

check() {	# NAME KIND FILE COLUMN
	if [ ! -s "$3" ]; then
		echo "FAIL interop/$1: no output"
	elif out=$(python3 check.py "$2" "$3" "$4" 2>&1); then
		echo "PASS interop/$1"
	else
		echo "FAIL interop/$1"
		echo "$out"
	fi
}

have_mlr=0
command -v mlr >/dev/null 2>&1 && have_mlr=1

# roundtrip TOOLNAME COMMAND...: the command's output in csv and jsonl,
# read by Python and by Miller, gives the texts back
roundtrip() {
	name=$1
	shift
	"$@" --format csv >"$name.csv" 2>"$name.err"
	"$@" --format jsonl >"$name.jsonl" 2>>"$name.err"
	check "$name/csv-python" csv "$name.csv" text
	check "$name/jsonl-python" jsonl "$name.jsonl" text
	if [ $have_mlr -eq 1 ]; then
		mlr --icsv --ojson cat "$name.csv" >"$name.mlr-csv.json" 2>&1
		check "$name/csv-miller" json-crlf "$name.mlr-csv.json" text
		mlr --ijsonl --ojson cat "$name.jsonl" >"$name.mlr-jsonl.json" 2>&1
		check "$name/jsonl-miller" json "$name.mlr-jsonl.json" text
	else
		echo "SKIP interop/$name/miller: mlr not installed"
	fi
}

roundtrip ingest ctk ingest in.tsv
ctk ingest in.tsv >docs.tsv
roundtrip tokenize ctk tokenize docs.tsv
roundtrip classify ctk classify lang docs.tsv
ctk ingest -q --db store.db docs.tsv
roundtrip query ctk query store.db
# supervised classification: a model trained on the texts themselves, and
# a lexicon, keep the text column whole
python3 - <<'EOF'
from texts import TEXTS, escape
with open("labelled.tsv", "w", encoding="utf-8", newline="\n") as f:
    f.write("id\tlabel\ttext\n")
    for i, t in enumerate(TEXTS, 1):
        f.write("t:%d\t%s\t%s\n" % (i, "ab"[i % 2], escape(t)))
EOF
printf 'term\tcategory\nhere\tplace\nquote\tspeech\n' >lexicon.tsv
if ctk classify train -q --label label -o model.ctkm labelled.tsv; then
	roundtrip classify-predict ctk classify predict -m model.ctkm labelled.tsv
else
	echo "FAIL interop/classify-predict: training failed"
fi
roundtrip classify-lexicon ctk classify lexicon -l lexicon.tsv labelled.tsv

# kwic: contexts cut from the tricky texts read the same from TSV (our
# own unescaper), CSV and JSON Lines
cat >kwic.py <<'EOF'
import csv, json, sys
ESC = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in ESC:
            out.append(ESC[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)
with open("kwic.tsv", encoding="utf-8", newline="") as f:
    lines = f.read().split("\n")[:-1]
head = lines[0].split("\t")
tsv = [dict(zip(head, map(unescape, l.split("\t")))) for l in lines[1:]]
with open("kwic.csv", encoding="utf-8", newline="") as f:
    got_csv = list(csv.DictReader(f))
with open("kwic.jsonl", encoding="utf-8") as f:
    got_jsonl = [json.loads(l) for l in f if l.strip()]
# JSON Lines writes an empty (missing) field as null
rows = lambda t: [(r["left"] or "", r["match"] or "", r["right"] or "")
                  for r in t]
if not tsv or rows(tsv) != rows(got_csv) or rows(tsv) != rows(got_jsonl):
    print("    tsv %r\n    csv %r\n    jsonl %r"
          % (rows(tsv), rows(got_csv), rows(got_jsonl)))
    sys.exit(1)
# kwic shows tabs and newlines of the context as spaces; the other
# tricky characters must be there, or the check proves nothing
ctx = "".join(l + r for l, _, r in rows(tsv))
if not all(c in ctx for c in ('"', ",", "\\", "\U0001F600")):
    print("    the contexts lack quotes, commas, backslashes or emoji")
    sys.exit(1)
EOF
for fmt in tsv csv jsonl; do
	ctk kwic --width 12 --format $fmt --regex '.*' docs.tsv >kwic.$fmt
done
if out=$(python3 kwic.py 2>&1); then
	echo "PASS interop/kwic/tsv-csv-jsonl-agree"
else
	echo "FAIL interop/kwic/tsv-csv-jsonl-agree"
	echo "$out"
fi

# the TSV stream itself, read by Miller's TSV reader (same escapes)
if [ $have_mlr -eq 1 ]; then
	mlr --itsv --ojson cat docs.tsv >docs.mlr.json 2>&1
	check tsv/miller json docs.mlr.json text
fi

# stats: terms holding commas, quotes, backslashes and emoji
printf 'id\ttokens\nd1\ta,b "q" c\\\\d 😀 a,b\nd2\t"q" x\\\\\n' >tokens.tsv
cat >terms.py <<'EOF'
import csv, json, sys
kind, path = sys.argv[1:3]
with open(path, encoding="utf-8", newline="") as f:
    rows = (list(csv.DictReader(f)) if kind == "csv" else
            [json.loads(l) for l in f if l.strip()])
got = {r["term"]: int(r["count"]) for r in rows}
want = {"a,b": 2, '"q"': 2, "c\\d": 1, "😀": 1, "x\\": 1}
if got != want:
    print("    got %r" % got)
    sys.exit(1)
EOF
for fmt in csv jsonl; do
	ctk stats freq --format $fmt tokens.tsv >freq.$fmt
	if out=$(python3 terms.py $fmt freq.$fmt 2>&1); then
		echo "PASS interop/stats/$fmt-python"
	else
		echo "FAIL interop/stats/$fmt-python"
		echo "$out"
	fi
done
if [ $have_mlr -eq 1 ]; then
	mlr --icsv --ojsonl cat freq.csv >freq.mlr.jsonl
	if out=$(python3 terms.py jsonl freq.mlr.jsonl 2>&1); then
		echo "PASS interop/stats/csv-miller"
	else
		echo "FAIL interop/stats/csv-miller"
		echo "$out"
	fi
fi

# sqlite3 .import, as ctk-tsv(5) says: ascii mode with tab and newline
# separators keeps every record and every field as written (escapes
# included); tabs mode, which the page warns against, mangles a text that
# starts with a double quote.
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 import.db '.mode ascii' '.separator "\t" "\n"' \
	    '.import docs.tsv docs' 2>import.err
	sqlite3 import.db 'SELECT text FROM docs ORDER BY id' >import.txt
	check sqlite/import-ascii-mode sqlite import.txt text
	sqlite3 tabs.db '.mode tabs' '.import docs.tsv docs' 2>/dev/null
	sqlite3 tabs.db 'SELECT text FROM docs ORDER BY id' >tabs.txt
	if python3 check.py sqlite tabs.txt text >/dev/null 2>&1; then
		echo "FAIL interop/sqlite/tabs-mode-caveat: tabs mode kept" \
		    "the quotes; ctk-tsv(5) says it does not"
	else
		echo "PASS interop/sqlite/tabs-mode-caveat"
	fi
else
	echo "SKIP interop/sqlite: sqlite3 not installed"
fi

# GraphML: well-formed, the structure Gephi reads, names with XML
# specials escaped
printf 'id\tchannel\tfwd_from\ttext\n' >net.tsv
printf 'm1\tA & <B>\t"C" 😀\tx\nm2\tA & <B>\t"C" 😀\ty\nm3\tD\tA & <B>\tz\n' >>net.tsv
ctk stats network fwd --graphml net.tsv >net.graphml
ctk ingest -q "$top"/testdata/sample/ | ctk stats network fwd --graphml >sample.graphml
if ! command -v xmllint >/dev/null 2>&1; then
	echo "SKIP interop/graphml/xmllint: xmllint not installed (libxml2-utils)"
elif xmllint --noout net.graphml sample.graphml 2>xmllint.err; then
	echo "PASS interop/graphml/xmllint-well-formed"
else
	echo "FAIL interop/graphml/xmllint-well-formed"
	sed 's/^/    /' xmllint.err
fi
cat >graphml.py <<'EOF'
import sys
import xml.etree.ElementTree as ET
NS = "{http://graphml.graphdrawing.org/xmlns}"
def edges(path):
    root = ET.parse(path).getroot()
    assert root.tag == NS + "graphml", root.tag
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type"))
            for k in root.findall(NS + "key")}
    graph = root.find(NS + "graph")
    assert graph.get("edgedefault") == "directed"
    label = {}
    for n in graph.findall(NS + "node"):
        for d in n.findall(NS + "data"):
            assert keys[d.get("key")][0] == "node"
            if keys[d.get("key")][1] == "label":
                label[n.get("id")] = d.text
    out = {}
    for e in graph.findall(NS + "edge"):
        w = [d.text for d in e.findall(NS + "data")
             if keys[d.get("key")][1] == "weight"]
        out[(label[e.get("source")], label[e.get("target")])] = float(w[0])
    return out
got = edges(sys.argv[1])
net_want = {("A & <B>", '"C" 😀'): 2.0, ("D", "A & <B>"): 1.0}
if got != net_want:
    print("    got %r" % got)
    sys.exit(1)
sample = edges(sys.argv[2])
want = {("Revue de Presse", "Veille Numérique"): 3.0,
        ("Revue de Presse", "Tech Watch"): 2.0,
        ("Tech Watch", "Veille Numérique"): 2.0}
if sample != want:
    print("    sample: got %r" % sample)
    sys.exit(1)
try:
    import networkx
except ImportError:
    sys.exit(0)
g = networkx.read_graphml(sys.argv[1])
names = {n: d["label"] for n, d in g.nodes(data=True)}
nx = {(names[a], names[b]): d["weight"] for a, b, d in g.edges(data=True)}
if nx != net_want:
    print("    networkx read %r" % nx)
    sys.exit(1)
EOF
if out=$(python3 graphml.py net.graphml sample.graphml 2>&1); then
	echo "PASS interop/graphml/structure-and-escaping"
else
	echo "FAIL interop/graphml/structure-and-escaping"
	echo "$out"
fi
