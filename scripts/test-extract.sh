#!/bin/sh
# The targets of the article extraction on the evaluation pages (see
# scripts/eval-extract.sh): token F1 of the main text >= 0.90 and the
# publication date right on >= 95% of the pages.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$top/build/libctk.a" ]; then
	echo "SKIP extract: build/libctk.a missing (run make first)"
	exit 0
fi
line=$(sh "$top/scripts/eval-extract.sh" -q) || {
	echo "FAIL extract/eval: scripts/eval-extract.sh failed"
	exit 0
}
echo "$line" | awk '{
	for (i = 2; i < NF; i += 2)
		v[$i] = $(i + 1)
	printf "%s extract/f1: %.3f (precision %.3f, recall %.3f, %d pages; target 0.90)\n",
	    (v["f1"] >= 0.90 ? "PASS" : "FAIL"), v["f1"], v["precision"],
	    v["recall"], v["pages"]
	printf "%s extract/date: %.3f of the pages (target 0.95)\n",
	    (v["date"] >= 0.95 ? "PASS" : "FAIL"), v["date"]
	printf "%s extract/pages: %d evaluation pages (at least 20)\n",
	    (v["pages"] >= 20 ? "PASS" : "FAIL"), v["pages"]
}'
