#!/bin/sh
# Evaluates the article extraction of ctk ingest (lib/article) on the
# hand-written evaluation pages: testdata/extract/*/ and the HTML fixtures
# of testdata/articles/*/ (each an input.html, the main text written by
# hand in expected.txt and the title, date, author and, on some pages,
# description in expected.meta; an empty "description:" says the page has
# none).
#
# Prints one line per page (token precision and recall, and which of
# title/date/author/description are right, "-" when expected.meta does
# not give the field), then the totals:
#   tokens: micro-averaged precision, recall and F1 of the extracted text
#           against expected.txt (multisets of words split at blanks and
#           ASCII punctuation, as scripts/test-article.sh)
#   title, date, author, description: share of the pages giving the field
#           in expected.meta where it is exactly right
# The last line is machine-readable:
#   extract-eval pages N precision P recall R f1 F title T date D author A
#       description S
# Usage: sh scripts/eval-extract.sh [-q]   (-q: the last line only)
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
quiet=0
[ "${1:-}" = "-q" ] && quiet=1
drv=build/article-dump
if [ ! -f build/libctk.a ]; then
	echo "eval-extract: build/libctk.a missing (run make first)" >&2
	exit 2
fi
if [ ! -x "$drv" ] || [ "$drv" -ot build/libctk.a ] ||
    [ "$drv" -ot scripts/article-dump.c ]; then
	libs=$(pkg-config --cflags --libs icu-uc icu-i18n icu-io libxml-2.0 \
	    yajl zlib sqlite3)
	# shellcheck disable=SC2086
	${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Ilib -o "$drv" \
	    scripts/article-dump.c build/libctk.a $libs -lm -lpthread || {
		echo "eval-extract: cannot build $drv" >&2
		exit 2
	}
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

tokens() {
	LC_ALL=C tr -s '[:space:][:punct:]' '\n' < "$1" | sed '/^$/d' |
	    LC_ALL=C sort
}

# field NAME FILE: the value of "NAME: value" in FILE, or nothing
field() {
	sed -n "s/^$1: \{0,1\}//p" "$2" | head -n 1
}

: > "$tmp/rows"
for dir in testdata/extract/*/ testdata/articles/*/; do
	[ -f "$dir/input.html" ] && [ -f "$dir/expected.txt" ] &&
	    [ -f "$dir/expected.meta" ] || continue
	name=$(basename "$dir")
	"$drv" "$dir/input.html" > "$tmp/dump" 2> /dev/null
	sed -n '/^text:$/,/^--$/p' "$tmp/dump" | sed '1d;$d' > "$tmp/got"
	sed '/^text:$/,$d' "$tmp/dump" > "$tmp/meta"
	tokens "$tmp/got" > "$tmp/got.tok"
	tokens "$dir/expected.txt" > "$tmp/want.tok"
	got=$(wc -l < "$tmp/got.tok")
	want=$(wc -l < "$tmp/want.tok")
	inter=$(LC_ALL=C comm -12 "$tmp/got.tok" "$tmp/want.tok" | wc -l)
	marks=""
	for f in title date author description; do
		grep -q "^$f:" "$dir/expected.meta" || { marks="$marks -"; continue; }
		if [ "$(field "$f" "$dir/expected.meta")" = \
		    "$(field "$f" "$tmp/meta")" ]; then
			marks="$marks 1"
		else
			marks="$marks 0"
			[ "$quiet" -eq 1 ] || printf '  %s %s: got "%s", want "%s"\n' \
			    "$name" "$f" "$(field "$f" "$tmp/meta")" \
			    "$(field "$f" "$dir/expected.meta")"
		fi
	done
	echo "$name $got $want $inter$marks" >> "$tmp/rows"
done
awk -v quiet="$quiet" '
function pct(ok, n) { return n ? ok / n : 0 }
{
	p = $2 ? $4 / $2 : 0; r = $3 ? $4 / $3 : 0
	if (!quiet)
		printf "%-40s precision %.3f recall %.3f  title %s date %s author %s description %s\n",
		    $1, p, r, $5, $6, $7, $8
	g += $2; w += $3; i += $4; n++
	for (k = 5; k <= 8; k++)
		if ($k != "-") { seen[k]++; ok[k] += $k }
}
END {
	p = g ? i / g : 0; r = w ? i / w : 0
	f = p + r ? 2 * p * r / (p + r) : 0
	if (!quiet) {
		printf "tokens: precision %.3f recall %.3f F1 %.3f over %d pages\n", p, r, f, n
		printf "title %.3f (%d/%d) date %.3f (%d/%d) author %.3f (%d/%d) description %.3f (%d/%d)\n",
		    pct(ok[5], seen[5]), ok[5], seen[5], pct(ok[6], seen[6]), ok[6], seen[6],
		    pct(ok[7], seen[7]), ok[7], seen[7], pct(ok[8], seen[8]), ok[8], seen[8]
	}
	printf "extract-eval pages %d precision %.3f recall %.3f f1 %.3f title %.3f date %.3f author %.3f description %.3f\n",
	    n, p, r, f, pct(ok[5], seen[5]), pct(ok[6], seen[6]), pct(ok[7], seen[7]),
	    pct(ok[8], seen[8])
}' "$tmp/rows"
