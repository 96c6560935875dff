#!/bin/sh
# Evaluates the article extraction (lib/article) on every fixture page in
# testdata/articles/*/ that has an expected.txt: for each page,
#   no-boilerplate  no line of boilerplate.txt appears in the text
#   body            every paragraph of expected.txt appears in the text
#   tokens          precision and recall of the text's tokens against
#                   expected.txt (multisets of words split at blanks and
#                   ASCII punctuation); PASS when both are >= 0.90
# then one line with the totals over all pages. Builds its driver,
# scripts/article-dump.c, into build/ (it is not a ctk tool).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
drv=build/article-dump
if [ ! -f build/libctk.a ]; then
	echo "SKIP article: build/libctk.a missing (run make first)"
	exit 0
fi
if [ ! -x "$drv" ] || [ "$drv" -ot build/libctk.a ] ||
    [ "$drv" -ot scripts/article-dump.c ]; then
	libs=$(pkg-config --cflags --libs icu-uc icu-i18n icu-io libxml-2.0 \
	    yajl zlib sqlite3)
	# shellcheck disable=SC2086
	${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Ilib -o "$drv" \
	    scripts/article-dump.c build/libctk.a $libs -lm -lpthread || {
		echo "FAIL article/driver: cannot build $drv"
		exit 0
	}
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

tokens() {
	LC_ALL=C tr -s '[:space:][:punct:]' '\n' < "$1" | sed '/^$/d' |
	    LC_ALL=C sort
}

all_got=0 all_want=0 all_inter=0
for dir in testdata/articles/*/; do
	name=article/$(basename "$dir")
	[ -f "$dir/expected.txt" ] || continue
	if [ -f "$dir/input.html" ]; then
		input=$dir/input.html
	elif [ -f "$dir/sample.warc" ]; then
		input=$dir/sample.warc
	else
		continue
	fi
	if ! "$drv" --text "$input" > "$tmp/got" 2> "$tmp/err"; then
		echo "FAIL $name: extraction failed"
		sed 's/^/    /' "$tmp/err"
		continue
	fi

	bad=""
	if [ -f "$dir/boilerplate.txt" ]; then
		while IFS= read -r phrase; do
			[ -n "$phrase" ] || continue
			if grep -qF -- "$phrase" "$tmp/got"; then
				bad="$bad \"$phrase\""
			fi
		done < "$dir/boilerplate.txt"
	fi
	if [ -z "$bad" ]; then
		echo "PASS $name/no-boilerplate"
	else
		echo "FAIL $name/no-boilerplate: found$bad"
	fi

	missing=0
	while IFS= read -r para; do
		[ -n "$para" ] || continue
		grep -qF -- "$para" "$tmp/got" || missing=$((missing + 1))
	done < "$dir/expected.txt"
	if [ "$missing" -eq 0 ]; then
		echo "PASS $name/body"
	else
		echo "FAIL $name/body: $missing expected paragraph(s) missing"
	fi

	tokens "$tmp/got" > "$tmp/got.tok"
	tokens "$dir/expected.txt" > "$tmp/want.tok"
	got=$(wc -l < "$tmp/got.tok")
	want=$(wc -l < "$tmp/want.tok")
	inter=$(LC_ALL=C comm -12 "$tmp/got.tok" "$tmp/want.tok" | wc -l)
	all_got=$((all_got + got))
	all_want=$((all_want + want))
	all_inter=$((all_inter + inter))
	awk -v n="$name" -v g="$got" -v w="$want" -v i="$inter" 'BEGIN {
		p = g ? i / g : 0; r = w ? i / w : 0
		printf "%s %s/tokens: precision %.3f recall %.3f (%d of %d tokens, %d expected)\n",
		    (p >= 0.9 && r >= 0.9) ? "PASS" : "FAIL", n, p, r, i, g, w
	}'
done
awk -v g="$all_got" -v w="$all_want" -v i="$all_inter" 'BEGIN {
	p = g ? i / g : 0; r = w ? i / w : 0
	f = p + r ? 2 * p * r / (p + r) : 0
	printf "%s article/tokens-overall: precision %.3f recall %.3f F1 %.3f\n",
	    (p >= 0.9 && r >= 0.9) ? "PASS" : "FAIL", p, r, f
}'
