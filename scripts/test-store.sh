#!/bin/sh
# The corpus store under the conditions of real use: re-ingest, overlapping
# exports, edits, two writers at once, kill -9 and resume, hostile filter
# values, malformed queries, locked and foreign files.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/bin:$PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; kill $(jobs -p) 2>/dev/null' EXIT INT TERM
gen() { python3 "$top/bench/gen_docs.py" "$@"; }
pass() { echo "PASS store/$1"; }
fail() { echo "FAIL store/$1"; shift; for l in "$@"; do echo "    $l"; done; }
check() { name=$1; shift; if "$@"; then pass "$name"; else fail "$name" "$*"; fi; }
count() { ctk query --count "$1" | tail -n 1; }
integrity() { [ "$(ctk query --sql 'PRAGMA integrity_check' "$1" | tail -n 1)" = ok ]; }

db=$tmp/a.db
# 1. idempotent re-ingest of the sample exports
ctk ingest --db "$db" "$top"/testdata/sample/*.json 2>"$tmp/err1"
ctk query "$db" >"$tmp/q1"
ctk ingest --db "$db" "$top"/testdata/sample/*.json 2>"$tmp/err2"
ctk query "$db" >"$tmp/q2"
n=$(($(wc -l <"$tmp/q1") - 1))
check reingest-first-run-all-new grep -q ": $n new, 0 updated, 0 unchanged, 0 rejected$" "$tmp/err1"
check reingest-second-run-all-unchanged grep -q ": 0 new, 0 updated, $n unchanged, 0 rejected$" "$tmp/err2"
check reingest-identical-output cmp -s "$tmp/q1" "$tmp/q2"
check reingest-row-count test "$(count "$db")" = "$n"

# 2. overlapping exports: 0..999 then 500..1499
db=$tmp/b.db
gen 1000 1 >"$tmp/old.tsv"
gen 1000 1 --ids-from 500 >"$tmp/new.tsv"
ctk ingest --db "$db" "$tmp/old.tsv" 2>/dev/null
ctk ingest --db "$db" "$tmp/new.tsv" 2>"$tmp/err"
check overlap-counts test "$(count "$db")" = 1500
check overlap-summary grep -q ": 500 new, [0-9]* updated, [0-9]* unchanged, 0 rejected$" "$tmp/err"

# 3. an edited message updates its row and keeps the old text
db=$tmp/c.db
printf 'id\tchannel\tdate\ttext\tedited\nc:1\tc\t2024-09-01T10:00:00Z\tfirst text\t\n' >"$tmp/v1.tsv"
printf 'id\tchannel\tdate\ttext\tedited\nc:1\tc\t2024-09-01T10:00:00Z\tcorrected text\t2024-09-01T11:00:00Z\n' >"$tmp/v2.tsv"
ctk ingest --db "$db" "$tmp/v1.tsv" 2>/dev/null
ctk ingest --db "$db" "$tmp/v2.tsv" 2>"$tmp/err"
ctk ingest --db "$db" "$tmp/v1.tsv" 2>"$tmp/err3"
check edit-counted-as-update grep -q ": 0 new, 1 updated, 0 unchanged, 0 rejected$" "$tmp/err"
check edit-older-export-does-not-win grep -q ": 0 new, 0 updated, 1 unchanged, 0 rejected$" "$tmp/err3"
check edit-latest-text-kept test "$(ctk query --sql 'SELECT text FROM docs' "$db" | tail -n 1)" = "corrected text"
check edit-history-kept test "$(ctk query --sql 'SELECT text FROM history' "$db" | tail -n 1)" = "first text"

# 4. two writers at once on the same store, then exact counts
db=$tmp/d.db
gen 20000 2 >"$tmp/p1.tsv"
gen 20000 3 --ids-from 10000 >"$tmp/p2.tsv"
ctk ingest --db "$db" "$tmp/p1.tsv" 2>"$tmp/e1" &
p1=$!
ctk ingest --db "$db" "$tmp/p2.tsv" 2>"$tmp/e2" &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
check concurrent-both-succeed test "$s1$s2" = 00
check concurrent-exact-count test "$(count "$db")" = 30000
check concurrent-integrity integrity "$db"

# 5. kill -9 in the middle, then resume: nothing lost, no duplicate
db=$tmp/e.db
gen 300000 4 >"$tmp/big.tsv"
ctk ingest --db "$db" "$tmp/big.tsv" 2>/dev/null &
pid=$!
i=0
while [ $i -lt 600 ]; do	# until a first batch is committed (60 s max)
	[ -f "$db" ] && c=$(ctk query --count "$db" 2>/dev/null | tail -n 1) &&
	    [ "${c:-0}" -gt 0 ] && break
	sleep 0.1
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
partial=$(count "$db")
check kill9-consistent integrity "$db"
check kill9-partial test "$partial" -gt 0 -a "$partial" -lt 300000
ctk ingest --db "$db" "$tmp/big.tsv" 2>"$tmp/err"
check kill9-resume-complete test "$(count "$db")" = 300000
check kill9-resume-summary grep -q ": $((300000 - partial)) new, 0 updated, $partial unchanged, 0 rejected$" "$tmp/err"
check kill9-no-duplicates test "$(ctk query --sql 'SELECT count(DISTINCT id) FROM docs' "$db" | tail -n 1)" = 300000

# 6. hostile values in every filter are only values
db=$tmp/a.db
for opt in --channel --lang --kind --fwd-from --author; do
	out=$(ctk query --count "$opt" "x' OR 1=1 --" "$db" | tail -n 1)
	check "injection$opt" test "$out" = 0
done
out=$(ctk query --count --since "2024' OR '1'='1" "$db" 2>&1)
check injection-since-is-bad-date test $? = 2
check injection-store-intact test "$(count "$db")" = "$n"

# 7. a malformed full-text query is a usage error with SQLite's reason
ctk query "$db" 'durov AND (' >/dev/null 2>"$tmp/err"
st=$?
check malformed-fts-status test $st = 2
check malformed-fts-message grep -q 'fts5: syntax error' "$tmp/err"

# 8. a store locked by another writer: ingest waits, then gives up clearly
db=$tmp/a.db
(sqlite3 "$db" 'BEGIN EXCLUSIVE; SELECT 1;' '.shell sleep 3' 'COMMIT;' >/dev/null 2>&1 &)
sleep 0.5
CTK_BUSY_TIMEOUT=500 ctk ingest --db "$db" "$top"/testdata/sample/*.json 2>"$tmp/err"
st=$?
check locked-status test $st = 2
check locked-message grep -q 'database is locked' "$tmp/err"
sleep 3

# 9. a file that is not SQLite is refused, and left untouched
cp "$top/README.md" "$tmp/notdb"
ctk ingest --db "$tmp/notdb" "$top"/testdata/sample/*.json 2>"$tmp/err"
st=$?
check foreign-file-status test $st = 2
check foreign-file-message grep -q 'not a ctk store' "$tmp/err"
check foreign-file-untouched cmp -s "$top/README.md" "$tmp/notdb"
ctk query "$tmp/notdb" >/dev/null 2>&1
check foreign-file-query-status test $? = 2

# 10. a store on a read-only file system: ingest refuses clearly, query reads
ro=$tmp/ro
mkdir -p "$ro"
if mount -t tmpfs -o size=8m tmpfs "$ro" 2>/dev/null; then
	ctk ingest -q --db "$ro/c.db" "$top"/testdata/sample/*.json
	mount -o remount,ro "$ro"
	ctk ingest --db "$ro/c.db" "$top"/testdata/sample/*.json 2>"$tmp/err"
	st=$?
	check readonly-ingest-status test $st = 2
	check readonly-ingest-message grep -q 'cannot open store: Read-only file system' "$tmp/err"
	check readonly-query-reads test "$(count "$ro/c.db")" = "$n"
	umount "$ro"
else
	echo "SKIP store/readonly: cannot mount a tmpfs here (needs root)"
fi
