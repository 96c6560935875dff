#!/bin/sh
# The corpus store under crashes and contention: ctk ingest --db killed
# with SIGKILL at 20 random points and resumed (integrity, no duplicate,
# no missing message), four writers at once, and a full file system
# (a 1 MB tmpfs when mount works, else ulimit -f): a clear error, exit 2,
# and a store that is still consistent. About a minute on a loaded machine.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/bin:$PATH
tmp=$(mktemp -d)
mnt=""
cleanup() {
	[ -n "$mnt" ] && umount "$mnt" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
gen() { python3 "$top/bench/gen_docs.py" "$@"; }
pass() { echo "PASS crash/$1"; }
fail() { echo "FAIL crash/$1"; shift; for l in "$@"; do echo "    $l"; done; }
check() { name=$1; shift; if "$@"; then pass "$name"; else fail "$name" "$*"; fi; }
sql() { ctk query --sql "$1" "$2" | tail -n 1; }
integrity() { [ "$(sql 'PRAGMA integrity_check' "$1")" = ok ]; }

if ! command -v python3 >/dev/null; then
	echo "SKIP crash/all: python3 is needed to generate documents"
	exit 0
fi

# 1. kill -9 at 20 random points (delays from a fixed seed, so a failure
# can be replayed), checking integrity after each, then resume
db=$tmp/k.db
gen 50000 11 >"$tmp/docs.tsv"
bad_integrity=""
for i in $(seq 1 20); do
	delay=$(awk -v i="$i" 'BEGIN { srand(1000 + i); printf "%.2f", 0.1 + rand() * 2.4 }')
	ctk ingest -q --db "$db" "$tmp/docs.tsv" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	integrity "$db" || bad_integrity="$bad_integrity $i"
done
check kill9-integrity-after-each-of-20-kills test -z "$bad_integrity"
ctk ingest --db "$db" "$tmp/docs.tsv" 2>"$tmp/resume.err"
check kill9-resume-exit-0 test $? = 0
check kill9-resume-no-rejects grep -q ", 0 rejected$" "$tmp/resume.err"
check kill9-no-missing-message test "$(sql 'SELECT count(*) FROM docs' "$db")" = 50000
check kill9-no-duplicate test "$(sql 'SELECT count(DISTINCT id) FROM docs' "$db")" = 50000
check kill9-integrity-after-resume integrity "$db"
# the stored ids are exactly the input's
cut -f 1 "$tmp/docs.tsv" | tail -n +2 | LC_ALL=C sort >"$tmp/want.ids"
ctk query --sql 'SELECT id FROM docs' "$db" | tail -n +2 | LC_ALL=C sort >"$tmp/got.ids"
check kill9-same-ids-as-input cmp -s "$tmp/want.ids" "$tmp/got.ids"

# 2. four writers at once, overlapping ids: 4 x 8000 from 0, 4000, 8000,
# 12000 = 20000 distinct
db=$tmp/c.db
for k in 0 1 2 3; do
	gen 8000 $((20 + k)) --ids-from $((k * 4000)) >"$tmp/w$k.tsv"
done
pids=""
for k in 0 1 2 3; do
	ctk ingest --db "$db" "$tmp/w$k.tsv" 2>"$tmp/w$k.err" &
	pids="$pids $!"
done
statuses=""
for p in $pids; do
	wait "$p"
	statuses="$statuses$?"
done
check four-writers-all-succeed test "$statuses" = 0000
check four-writers-exact-count test "$(sql 'SELECT count(*) FROM docs' "$db")" = 20000
check four-writers-no-duplicate test "$(sql 'SELECT count(DISTINCT id) FROM docs' "$db")" = 20000
check four-writers-integrity integrity "$db"

# 2b. four writers creating the same new store at once, 20 times: none
# may see it half created ("not a ctk store")
for k in 0 1 2 3; do
	gen 300 $((30 + k)) --ids-from $((k * 100)) >"$tmp/n$k.tsv"
done
bad_create=""
for run in $(seq 1 20); do
	rm -f "$tmp"/new.db*
	pids=""
	for k in 0 1 2 3; do
		ctk ingest -q --db "$tmp/new.db" "$tmp/n$k.tsv" 2>"$tmp/n$k.err" &
		pids="$pids $!"
	done
	for p in $pids; do
		wait "$p" || bad_create="$bad_create $run"
	done
done
check four-writers-create-the-store-20-times test -z "$bad_create"

# 3. a full file system
mkdir -p "$tmp/mnt"
if mount -t tmpfs -o size=1m tmpfs "$tmp/mnt" 2>/dev/null; then
	mnt=$tmp/mnt
	how=tmpfs
	db=$mnt/full.db
	ctk ingest --db "$db" "$tmp/docs.tsv" 2>"$tmp/full.err"
	status=$?
else
	how="ulimit -f"
	db=$tmp/mnt/full.db
	(ulimit -f 1024; trap '' XFSZ; exec ctk ingest --db "$db" "$tmp/docs.tsv") 2>"$tmp/full.err"
	status=$?
fi
check "full-disk-exit-2 ($how)" test "$status" = 2
check "full-disk-clear-message ($how)" grep -qi "full\|too large\|disk\|space" "$tmp/full.err"
check "full-disk-store-consistent ($how)" integrity "$db"
n=$(sql 'SELECT count(*) FROM docs' "$db")
check "full-disk-store-readable ($how)" test "$n" -lt 50000
# the summary counts only what was committed
check "full-disk-summary-matches-store ($how)" grep -q ": $n new, 0 updated" "$tmp/full.err"
if [ -n "$mnt" ]; then
	umount "$mnt" && mnt=""
fi
exit 0
