#!/bin/sh
# `make run`: the main job on the bundled sample exports (testdata/sample/):
# ingest → classify lang → tokenize → stats, plus a corpus store query.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/bin:$PATH
export CTK_DATADIR="$top/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
samples="$top/testdata/sample/veille-numerique.json $top/testdata/sample/tech-watch.json"

show() { echo; echo "== $1"; }
table() { column -t -s "$(printf '\t')"; }

# shellcheck disable=SC2086
ctk ingest --no-service $samples | ctk classify lang >"$work/docs.tsv"
ctk tokenize --stopwords fr,en <"$work/docs.tsv" >"$work/tokens.tsv"

show "documents, tokens and types by language (ctk stats summary --by lang)"
ctk stats summary --by lang <"$work/tokens.tsv" | cut -f1-6 | table

show "top words per language, stopwords removed (ctk stats freq --by lang --top 5)"
ctk stats freq --by lang --top 5 <"$work/tokens.tsv" | cut -f1-5 | table

show "messages mentioning durov per month (ctk stats timeline --term durov)"
ctk stats timeline --unit month --term durov <"$work/tokens.tsv" | table

show "who forwards whom (ctk stats network fwd)"
ctk stats network fwd <"$work/docs.tsv" | table

show "the same exports in a corpus store: messages matching durov per month (ctk query)"
# shellcheck disable=SC2086
ctk ingest -q --db "$work/corpus.db" $samples
ctk query "$work/corpus.db" --count-by month durov | table
