#!/bin/sh
# ctk stats against an independent reference (scripts/ref_stats.py, written
# from the formulas with the Python standard library) on texts of the
# Telegram exports in $CORPORA and on synthetic documents drawn from their
# vocabulary; and sharded runs merged against the single run, byte for
# byte. Prints PASS/FAIL/SKIP lines.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
corpora=${CORPORA:-${CTK_CORPORA:-$top/../shared/corpora}}
stats=$top/bin/ctk-stats
ref="python3 $top/scripts/ref_stats.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -d "$corpora/telegram" ]; then
	echo "SKIP stats/reference: $corpora/telegram not found"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP stats/reference: python3 not found"
	exit 0
fi
export CORPORA="$corpora" LC_ALL=C.UTF-8
$ref corpus "$tmp" || { echo "FAIL stats/corpus"; exit 0; }

# same bytes as the reference
exact() {
	name=$1 file=$2
	shift 2
	"$stats" "$@" -q "$tmp/$file" >"$tmp/c.out" 2>"$tmp/c.err"
	# the reference has no --vertical: it sees the columns itself
	set -- $(echo "$@" | sed 's/--vertical//')
	$ref "$@" "$tmp/$file" >"$tmp/r.out"
	if cmp -s "$tmp/c.out" "$tmp/r.out"; then
		echo "PASS stats/$name"
	else
		echo "FAIL stats/$name"
		diff "$tmp/c.out" "$tmp/r.out" | head -n 5 | sed 's/^/    /'
	fi
}

# same rows in the same order, numbers within 1e-9 relative
close() {
	name=$1 file=$2 keys=$3
	shift 3
	"$stats" "$@" --exact "$tmp/$file" >"$tmp/c.out"
	set -- $(echo "$@" | sed 's/--vertical//')
	$ref "$@" "$tmp/$file" >"$tmp/r.out"
	if out=$($ref compare "$tmp/c.out" "$tmp/r.out" "$keys"); then
		echo "PASS stats/$name"
	else
		echo "FAIL stats/$name"
		echo "$out" | head -n 5 | sed 's/^/    /'
	fi
}

keyness() {
	name=$1 file=$2 by=$3
	shift 3
	"$stats" freq --by "$by" "$tmp/$file" >"$tmp/table.tsv"
	"$stats" keyness --by "$by" --exact "$@" "$tmp/table.tsv" \
	    >"$tmp/c.out"
	$ref keyness --by "$by" "$@" "$tmp/$file" >"$tmp/r.out"
	if out=$($ref compare "$tmp/c.out" "$tmp/r.out" term); then
		echo "PASS stats/$name"
	else
		echo "FAIL stats/$name"
		echo "$out" | head -n 5 | sed 's/^/    /'
	fi
}

exact freq-real docs.tsv freq
exact freq-by-channel-real docs.tsv freq --by channel
exact freq big.tsv freq
exact freq-by-channel-unique big.tsv freq --by channel --unique-texts
exact freq-top-min big.tsv freq --by lang --top 7 --min-count 3
exact ngrams-1-3 big.tsv ngrams -n 1-3
exact ngrams-by-lang-top big.tsv ngrams -n 2 --by lang --top 5
exact ngrams-vertical-sentences vertical.tsv ngrams -n 2-3 --vertical
exact timeline-day-real docs.tsv timeline
exact timeline-week-by-channel big.tsv timeline --unit week --by channel
exact timeline-month-term big.tsv timeline --unit month --term État --by lang
exact timeline-year-unique big.tsv timeline --unit year --unique-texts
for kind in fwd mention hashtag domain; do
	exact network-$kind-real docs.tsv network $kind
	exact network-$kind big.tsv network $kind
done
exact network-domain-min big.tsv network domain --min-count 2

keyness keyness-g2-4term big.tsv lang --target en
keyness keyness-g2-2term-yates big.tsv channel --target chan_b --g2 2term \
    --yates --min-count 3
keyness keyness-log-ratio-top big.tsv channel --target d --measure log_ratio \
    --top 10
keyness keyness-pct-diff big.tsv channel --target "Été 2024" \
    --measure pct_diff
keyness keyness-real docs.tsv channel --target "Public Global Group"
keyness keyness-real-alpha docs.tsv channel --target "SMARPHONE | UPDATES" \
    --alpha 0.05 --measure chi2 --yates
keyness keyness-real-bonferroni docs.tsv channel \
    --target "Public Global Group" --alpha 0.5 --correction bonferroni
keyness keyness-real-sidak-rr docs.tsv channel --target "Public Global Group" \
    --alpha 0.9 --correction sidak --measure relative_risk

close colloc-node-real docs.tsv node,collocate colloc --node the
close colloc-node-folded big.tsv node,collocate colloc --node État
close colloc-node-window big.tsv node,collocate colloc --node the \
    --window 3,1 --min-freq 2 --measure t_score
close colloc-pairs big.tsv w1,w2 colloc --pairs --window 0,2 --min-freq 3 \
    --measure log_dice
close colloc-pairs-vertical vertical.tsv w1,w2 colloc --pairs --window 0,3 \
    --vertical --measure mi
close colloc-node-top-z big.tsv node,collocate colloc --node the --top 20 \
    --measure z_score
close colloc-node-mi3-dice big.tsv node,collocate colloc --node the \
    --measure mi3 --min-freq 2
close summary big.tsv documents summary
close summary-by-channel big.tsv group summary --by channel
close summary-real docs.tsv group summary --by channel
close dispersion-docs big.tsv term dispersion --term État --term the
close dispersion-channels big.tsv term dispersion --term État --term the \
    --term absent --by channel

# split -> stats on each shard -> merge == stats on the whole
n=$(($(wc -l <"$tmp/big.tsv") - 1))
per=$(((n + 6) / 7))
head -n 1 "$tmp/big.tsv" >"$tmp/head"
tail -n +2 "$tmp/big.tsv" | split -l "$per" -a 1 - "$tmp/body."
i=0
for b in "$tmp"/body.*; do
	i=$((i + 1))
	cat "$tmp/head" "$b" >"$tmp/shard$i.tsv"
done
sharded() {
	name=$1
	shift
	"$stats" "$@" -q "$tmp/big.tsv" >"$tmp/whole.out"
	set --  "$@"
	j=0
	for s in "$tmp"/shard?.tsv; do
		j=$((j + 1))
		"$stats" "$@" -q "$s" >"$tmp/part$j.out"
	done
	"$stats" merge "$tmp"/part?.out >"$tmp/merged.out"
	if [ "$j" = 7 ] && cmp -s "$tmp/whole.out" "$tmp/merged.out"; then
		echo "PASS stats/sharded-$name"
	else
		echo "FAIL stats/sharded-$name ($j shards)"
		diff "$tmp/whole.out" "$tmp/merged.out" | head -n 5 |
		    sed 's/^/    /'
	fi
}
sharded freq freq
sharded freq-by-channel freq --by channel
sharded ngrams ngrams -n 1-3 --by lang
sharded timeline-week timeline --unit week --by channel
sharded timeline-day-term timeline --term the
for kind in fwd mention hashtag domain; do
	sharded network-$kind network $kind
done

# the SVG chart: well-formed, one line per group, one point per period
"$stats" timeline --unit month --by channel --plot "$tmp/plot.svg" -q \
    "$tmp/big.tsv" >"$tmp/months.tsv"
if python3 - "$tmp/plot.svg" "$tmp/months.tsv" <<'PY'
import sys
import xml.dom.minidom
svg = xml.dom.minidom.parse(sys.argv[1])
rows = [l.split("\t") for l in open(sys.argv[2], encoding="utf-8")][1:]
groups = sorted({r[0] for r in rows})
periods = len(rows) // len(groups)
lines = svg.getElementsByTagName("polyline")
assert len(lines) == len(groups), (len(lines), len(groups))
for line in lines:
    assert len(line.getAttribute("points").split()) == periods
labels = [t.firstChild.data for t in svg.getElementsByTagName("text")
          if t.firstChild is not None]
for g in groups:
    assert g in labels, g
PY
then
	echo "PASS stats/timeline-svg-plot"
else
	echo "FAIL stats/timeline-svg-plot"
fi

# a single series is drawn as bars: one per period (plus background and
# legend rectangles)
"$stats" timeline --unit month --plot "$tmp/bars.svg" -q "$tmp/big.tsv" \
    >"$tmp/months1.tsv"
if python3 - "$tmp/bars.svg" "$tmp/months1.tsv" <<'PY'
import sys
import xml.dom.minidom
svg = xml.dom.minidom.parse(sys.argv[1])
periods = sum(1 for _ in open(sys.argv[2], encoding="utf-8")) - 1
rects = svg.getElementsByTagName("rect")
assert len(rects) == periods + 2, (len(rects), periods)
assert not svg.getElementsByTagName("polyline")
PY
then
	echo "PASS stats/timeline-svg-bars"
else
	echo "FAIL stats/timeline-svg-bars"
fi
