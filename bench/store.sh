#!/bin/sh
# Corpus store: ingest rate into SQLite (vs sqlite3's own .import of the
# same TSV into a bare table), --count-by month (vs the same GROUP BY in the
# sqlite3 CLI) and a full-text count (vs grep -c on the TSV), on
# CTK_BENCH_DOCS synthetic messages (default 1,000,000).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
n=${CTK_BENCH_DOCS:-1000000}
work=$here/work/store
mkdir -p "$work"
tsv=$work/docs-$n.tsv
[ -f "$tsv" ] || python3 "$here/gen_docs.py" "$n" 7 >"$tsv"
mb=$(du -m "$tsv" | cut -f1)
db=$work/store.db
BENCH_RUNS=1

rm -f "$db" "$db"-wal "$db"-shm "$work/plain.db"
measure "ctk ingest -q --db '$db' '$tsv'"
ingest_s=$SECONDS_TAKEN
ingest_peak=$PEAK_MB
measure "sqlite3 '$work/plain.db' '.mode tabs' '.import $tsv docs'"
row "store-ingest($(awk -v n="$n" -v s="$ingest_s" 'BEGIN {printf "%.0f msg/s", n / s}'))" \
    "$mb" "$ingest_s" "sqlite3-.import" "$SECONDS_TAKEN" "$ingest_peak"

BENCH_RUNS=3
measure "ctk query --count-by month '$db'"
ctk_s=$SECONDS_TAKEN
peak=$PEAK_MB
measure "sqlite3 '$db' \"SELECT substr(date, 1, 7) AS k, count(*) FROM docs GROUP BY k ORDER BY k\""
row "store-count-by-month" "$mb" "$ctk_s" "sqlite3-group-by" "$SECONDS_TAKEN" "$peak"

measure "ctk query --count '$db' durov"
ctk_s=$SECONDS_TAKEN
peak=$PEAK_MB
measure "grep -ci durov '$tsv'"
row "store-fts-count" "$mb" "$ctk_s" "grep-c" "$SECONDS_TAKEN" "$peak"
