#!/bin/sh
# ctk classify train/predict/eval on real labelled text: the six Jane
# Austen novels of r-cran-janeaustenr (paragraph -> book, extracted by
# scripts/austen-tsv.R). Checks a quality floor (the bench compares with
# fastText), determinism for a seed, and that predict agrees with eval.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/bin:$PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass() { echo "PASS classify/$1"; }
fail() { echo "FAIL classify/$1"; shift; for l in "$@"; do echo "    $l"; done; }
names="austen-nb-cv-macro-f1 austen-logreg-cv-macro-f1 austen-eval-deterministic austen-model-deterministic austen-predict-matches-eval"

if ! command -v Rscript >/dev/null ||
    ! Rscript -e 'library(janeaustenr)' >/dev/null 2>&1 ||
    ! Rscript "$top/scripts/austen-tsv.R" >"$tmp/austen.tsv" 2>/dev/null; then
	for n in $names; do
		echo "SKIP classify/$n: r-cran-janeaustenr not installed (scripts/deps.sh)"
	done
	exit 0
fi

# macro-F1 of 5-fold cross-validation must reach a floor well above chance
# (1/6): naive Bayes gets 0.74, logistic regression 0.72 at this writing
for model in nb logreg; do
	ctk classify eval --label book --folds 5 --seed 1 --model $model \
	    "$tmp/austen.tsv" >"$tmp/eval-$model" 2>"$tmp/err"
	f1=$(awk -F'\t' '$1 == "macro_f1" { print $2 }' "$tmp/eval-$model")
	if [ -s "$tmp/err" ] || ! awk -v f="${f1:-0}" 'BEGIN { exit !(f >= 0.68) }'; then
		fail austen-$model-cv-macro-f1 "macro_f1 ${f1:-none}, floor 0.68" "$(head -3 "$tmp/err")"
	else
		pass austen-$model-cv-macro-f1
	fi
done

ctk classify eval --label book --folds 5 --seed 1 --model logreg \
    "$tmp/austen.tsv" >"$tmp/again" 2>&1
if cmp -s "$tmp/eval-logreg" "$tmp/again"; then
	pass austen-eval-deterministic
else
	fail austen-eval-deterministic "two runs with --seed 1 differ"
fi

ctk classify train --label book --model logreg --seed 4 -o "$tmp/a.ctkm" "$tmp/austen.tsv"
ctk classify train --label book --model logreg --seed 4 -o "$tmp/b.ctkm" "$tmp/austen.tsv"
if cmp -s "$tmp/a.ctkm" "$tmp/b.ctkm"; then
	pass austen-model-deterministic
else
	fail austen-model-deterministic "two models trained with --seed 4 differ"
fi

# a train/test split through predict and through eval --test must give the
# same accuracy
awk -F'\t' -v tr="$tmp/train.tsv" -v te="$tmp/test.tsv" \
    'NR == 1 { print >tr; print >te; next } { print >(NR % 5 ? tr : te) }' \
    "$tmp/austen.tsv"
ctk classify train --label book -o "$tmp/nb.ctkm" "$tmp/train.tsv"
acc_predict=$(ctk classify predict -m "$tmp/nb.ctkm" "$tmp/test.tsv" |
    awk -F'\t' 'NR > 1 { n++; ok += ($2 == $4) } END { printf "%.4f", ok / n }')
acc_eval=$(ctk classify eval --label book --test "$tmp/test.tsv" "$tmp/train.tsv" |
    awk -F'\t' '$1 == "accuracy" { print $2 }')
if [ "$acc_predict" = "$acc_eval" ] && [ -n "$acc_eval" ]; then
	pass austen-predict-matches-eval
else
	fail austen-predict-matches-eval "predict $acc_predict, eval $acc_eval"
fi
