#!/bin/sh
# ctk classify: supervised training against fastText, and lexicon matching
# against an awk word lookup.
#
# Training: the six Jane Austen novels of the Debian package
# r-cran-janeaustenr, one document per paragraph labelled with its book
# (scripts/austen-tsv.R), every 5th paragraph held out for testing. ctk
# (naive Bayes, then logistic regression; unigrams + bigrams in 2^20
# buckets, case folded) against fastText (Debian `fasttext`, one thread,
# -wordNgrams 2 -bucket 1048576 -epoch 100 -lr 1.0 -dim 50, the best of
# the settings tried: its defaults give macro-F1 0.07 on this data, -epoch
# 25 -lr 1.0 0.30, -epoch 50 -lr 0.5 0.44, this one 0.54) on the same
# lower-cased text.
# The row names carry the macro-F1 on the held-out paragraphs, ctk's then
# fastText's; times are for training only.
#
# Lexicon: a generated 10,000-term lexicon (20% wildcards, 5% two-word
# terms) over CTK_BENCH_LEX_MB (default 30) MB of generated text
# (bench/gen_lexicon.py); the baseline is an awk script that looks up each
# word in a hash table of the exact terms only, a floor for any matcher.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$here/lib.sh"
work=$here/work/classify
mkdir -p "$work"

macro_f1() {	# "true predicted" pairs on stdin -> macro-F1
	awk '{ tp[$1] += ($1 == $2); sup[$1]++; pr[$2]++; c[$1]; c[$2] }
	END { for (k in c) { p = pr[k] ? tp[k] / pr[k] : 0
		r = sup[k] ? tp[k] / sup[k] : 0
		s += (p + r) ? 2 * p * r / (p + r) : 0; n++ }
		printf "%.3f", s / n }'
}

austen() {
	if ! command -v Rscript >/dev/null || ! command -v fasttext >/dev/null ||
	    ! Rscript -e 'library(janeaustenr)' >/dev/null 2>&1; then
		echo "bench: classify: r-cran-janeaustenr or fasttext missing" \
		    "(scripts/deps.sh installs them); training rows skipped" >&2
		return 0
	fi
	[ -s "$work/austen.tsv" ] ||
	    Rscript "$top/scripts/austen-tsv.R" >"$work/austen.tsv"
	awk -F'\t' -v tr="$work/train.tsv" -v te="$work/test.tsv" \
	    'NR == 1 { print >tr; print >te; next }
	    { print >(NR % 5 == 0 ? te : tr) }' "$work/austen.tsv"
	for f in train test; do
		awk -F'\t' 'NR > 1 { print "__label__" $2 " " tolower($3) }' \
		    "$work/$f.tsv" >"$work/$f.ft"
	done
	input_mb=$(awk -v b="$(wc -c <"$work/train.tsv")" 'BEGIN { printf "%.1f", b / 1e6 }')
	runs=${BENCH_RUNS:-3}
	BENCH_RUNS=1	# half a minute a run: once is enough
	measure "fasttext supervised -input '$work/train.ft' -output '$work/ft' -thread 1 -verbose 0 -wordNgrams 2 -bucket 1048576 -epoch 100 -lr 1.0 -dim 50"
	ft_s=$SECONDS_TAKEN
	BENCH_RUNS=$runs
	ft_f1=$(fasttext predict "$work/ft.bin" "$work/test.ft" |
	    paste -d ' ' "$work/test.ft" - | awk '{ print $1, $NF }' | macro_f1)
	for model in nb logreg; do
		measure "ctk classify train --label book --model $model -o '$work/$model.ctkm' '$work/train.tsv'"
		f1=$(ctk classify predict -m "$work/$model.ctkm" "$work/test.tsv" |
		    awk -F'\t' 'NR > 1 { print "__label__" $2, "__label__" $4 }' |
		    macro_f1)
		row "classify-train-$model-austen(macroF1 $f1 vs $ft_f1)" "$input_mb" \
		    "$SECONDS_TAKEN" "fasttext-supervised" "$ft_s" "$PEAK_MB"
	done
}

lexicon() {
	lex_mb=${CTK_BENCH_LEX_MB:-30}
	lex=$work/lex10k.tsv
	text=$work/lextext-$lex_mb.tsv
	[ -s "$text" ] || python3 "$here/gen_lexicon.py" "$lex" "$text" 10000 "$lex_mb"
	input_mb=$(awk -v b="$(wc -c <"$text")" 'BEGIN { printf "%.1f", b / 1e6 }')
	measure "ctk classify lexicon -l '$lex' '$text'"
	ctk_s=$SECONDS_TAKEN
	peak=$PEAK_MB
	measure "awk -F'\t' 'NR == FNR { if (\$1 !~ /[* ]/) w[\$1] = 1; next }
	    FNR > 1 { n = split(tolower(\$2), t, \" \"); c = 0
	    for (i = 1; i <= n; i++) if (t[i] in w) c++; print c }' '$lex' '$text'"
	row "classify-lexicon-10k($(awk -v m="$input_mb" -v s="$ctk_s" 'BEGIN { printf "%.0f MB/s", m / s }'))" \
	    "$input_mb" "$ctk_s" "awk-exact-lookup" "$SECONDS_TAKEN" "$peak"
}

austen
lexicon
