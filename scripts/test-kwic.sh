#!/bin/sh
# ctk kwic against the reference in scripts/ref_stats.py (Python re words,
# str.casefold + NFC) on the texts of the Telegram exports in $CORPORA and
# on synthetic documents drawn from them. Prints PASS/FAIL/SKIP lines.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
corpora=${CORPORA:-${CTK_CORPORA:-$top/../shared/corpora}}
ref="python3 $top/scripts/ref_stats.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -d "$corpora/telegram" ] || ! command -v python3 >/dev/null 2>&1
then
	echo "SKIP kwic/reference: $corpora/telegram or python3 not found"
	exit 0
fi
export CORPORA="$corpora" LC_ALL=C.UTF-8
$ref corpus "$tmp" || { echo "FAIL kwic/corpus"; exit 0; }

check() {
	name=$1 file=$2
	shift 2
	"$top/bin/ctk-kwic" "$@" "$tmp/$file" >"$tmp/c.out"
	$ref kwic "$@" "$tmp/$file" >"$tmp/r.out"
	if cmp -s "$tmp/c.out" "$tmp/r.out" && [ "$(wc -l <"$tmp/c.out")" -gt 1 ]
	then
		echo "PASS kwic/$name"
	else
		echo "FAIL kwic/$name"
		diff "$tmp/c.out" "$tmp/r.out" | head -n 5 | sed 's/^/    /'
	fi
}

check word-real docs.tsv the
check phrase-real docs.tsv "for packages"
check width-real docs.tsv --width 12 pfsense
check tokens-real docs.tsv --tokens 3 and
check folded big.tsv État
check sorted-right big.tsv --sort right1,right2 --tokens 2 the
check sorted-left big.tsv --sort left1 --width 15 État
