#!/bin/sh
# Checks of ctk-ingest beyond the golden files: the man page examples run
# on the test fixtures, --help and the man page agree, text_hash against
# an independent Python implementation, constant memory on a large export.
# Prints PASS/FAIL/SKIP lines.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/bin
fx=$top/testdata/ingest/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
PATH=$bin:$PATH
export PATH

check() {
	if [ "$2" = "$3" ]; then
		echo "PASS ingest-script/$1"
	else
		echo "FAIL ingest-script/$1"
		printf '    expected: %s\n    got:      %s\n' "$2" "$3"
	fi
}

# man EXAMPLES: messages per month (group.json: 10 in January, 2 in July)
got=$(ctk-ingest --no-service --fields date "$fx/group.json" |
    tail -n +2 | cut -c1-7 | sort | uniq -c | tr -s ' ' | tr '\n' ';')
check man-example-per-month " 10 2024-01; 2 2024-07;" "$got"

# man EXAMPLES: unique texts (channel.json: 5 and 6 are one text; 6 empty)
got=$(ctk-ingest -q --fields text_hash "$fx/channel.json" | tail -n +2 |
    grep -v '^$' | sort -u | wc -l | tr -d ' ')
check man-example-unique-texts 4 "$got"

# --help synopsis = man SYNOPSIS (words compared, markup removed)
help=$(ctk-ingest --help | sed -n '/^usage:/,/^$/p' | sed 's/^usage://' |
    tr -s ' \n\t' '   ' | sed 's/^ //; s/ $//; s/^ctk-ingest //')
man=$(mandoc -Tascii "$top/man/ctk-ingest.1" 2>/dev/null | col -b |
    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
    tr -s ' \n\t' '   ' | sed 's/^ //; s/ $//; s/^ctk-ingest //')
check help-matches-man-synopsis "$help" "$man"

# text_hash by an independent implementation (Python: NFC, casefold,
# white space collapsed, FNV-1a 64)
if command -v python3 > /dev/null 2>&1; then
	# every code point of U+00A0..U+052F and some hard cases (full
	# folding, combining marks, Hangul, NBSP) in a ctk TSV stream
	python3 -c '
import sys
cps = list(range(0xa0, 0x530)) + [0x1e9e, 0x130, 0xfb01, 0x2126, 0x212b,
    0x2000, 0x2001, 0x202f, 0x3000, 0x1100, 0x1161, 0xac00, 0x1f600]
out = ["id\ttext"]
for i, c in enumerate(cps):
    out.append("t:%d\tA%sb E\u0301 \u00a0z%s" % (i, chr(c), chr(c)))
out.append("t:x\te\u0301\u0323 \u1100\u1161 Stra\u00dfe")
sys.stdout.write("\n".join(out) + "\n")' > "$tmp/cps.tsv"
	ctk-ingest -q --fields text,text_hash "$fx/channel.json" \
	    "$fx/group.json" "$tmp/cps.tsv" | tail -n +2 > "$tmp/hashes"
	bad=$(python3 - "$tmp/hashes" <<'PYEOF'
import sys, unicodedata
def unesc(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s):
            out.append({'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[s[i+1]])
            i += 2
        else:
            out.append(s[i]); i += 1
    return ''.join(out)
bad = 0
for line in open(sys.argv[1], encoding='utf-8'):
    text, want = line.rstrip('\n').split('\t')
    t = unicodedata.normalize('NFC', unesc(text))
    t = unicodedata.normalize('NFC', t.casefold())
    t = ' '.join(t.split())
    if not t:
        got = ''
    else:
        h = 0xcbf29ce484222325
        for b in t.encode('utf-8'):
            h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
        got = '%016x' % h
    if got != want:
        bad += 1
        print('mismatch:', repr(text), want, got, file=sys.stderr)
print(bad)
PYEOF
)
	check text-hash-matches-python-reference 0 "$bad"
else
	echo "SKIP ingest-script/text-hash-matches-python-reference: no python3"
fi

# constant memory: a 40 MB export must not need more than 100 MB
if command -v python3 > /dev/null 2>&1 && [ -x /usr/bin/time ]; then
	python3 "$top/bench/gen-telegram.py" 40 > "$tmp/big.json"
	/usr/bin/time -f %M -o "$tmp/rss" ctk-ingest -q "$tmp/big.json" \
	    > /dev/null
	kb=$(cat "$tmp/rss")
	check peak-rss-under-100MB-on-40MB-export yes \
	    "$([ "$kb" -lt 102400 ] && echo yes || echo "no ($kb KB)")"
	rows=$(ctk-ingest -q --fields id "$tmp/big.json" | wc -l)
	ids=$(grep -c '^ {$' "$tmp/big.json")
	check every-message-of-large-export-read $((ids + 1)) "$rows"
else
	echo "SKIP ingest-script/peak-rss-under-100MB-on-40MB-export: no python3 or /usr/bin/time"
fi
