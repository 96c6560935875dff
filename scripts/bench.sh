#!/bin/sh
# `make bench`: runs every bench/*.sh and prints one table. Each script
# generates its own input under bench/work/ (never committed), times ctk and
# its baseline side by side in the same run, and prints rows of
#   name  input_MB  ctk_s  baseline  baseline_s  ratio  ctk_peak_MB
# (tab-separated; ratio = baseline_s / ctk_s, so > 1 means ctk is faster).
# With --record, the table and the machine are also written to
# bench/RESULTS.md.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
mkdir -p bench/work
# On a machine shared with other work, a higher priority (root only)
# keeps the other processes from taking the cores in the middle of a
# timing; ctk and its baselines run at the same priority, so the ratios
# stay fair. The load average is recorded either way.
priority=0
if renice -n -10 -p $$ >/dev/null 2>&1; then
	priority=-10
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=$(mktemp)
notes=$(mktemp)
out=$(mktemp)
trap 'rm -f "$rows" "$notes" "$out"' EXIT INT TERM

printf 'name\tinput_MB\tctk_s\tbaseline\tbaseline_s\tratio\tctk_peak_MB\n' >"$rows"
status=0
for b in bench/*.sh; do
	[ -f "$b" ] || continue
	[ "${b##*/}" = lib.sh ] && continue	# helpers, sourced by the others
	echo "bench: running $b" >&2
	if ! PATH="$top/bin:$PATH" sh "$b" >"$out"; then
		echo "bench: $b failed" >&2
		status=1
	fi
	# lines starting with '#' are notes (accuracy, settings), not rows
	grep -v '^#' "$out" >>"$rows"
	grep '^#' "$out" >>"$notes"
done
column -t -s "$(printf '\t')" "$rows"
[ -s "$notes" ] && { echo; cat "$notes"; }

if [ "${1:-}" = "--record" ]; then
	{
		echo "# Benchmark results"
		echo
		echo "Recorded $(date -u +%Y-%m-%dT%H:%M:%SZ) by \`make bench-record\` on:"
		echo
		echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
		echo "- cores: $(nproc)"
		echo "- memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
		echo "- kernel: $(uname -sr)"
		echo "- load average before the run: $load_before;" \
		    "after: $(cut -d' ' -f1-3 /proc/loadavg)"
		echo "- the benchmarks ran at nice $priority"
		echo
		echo "ratio = baseline_s / ctk_s (> 1: ctk is faster)."
		echo
		head -n 1 "$rows" | sed 's/\t/ | /g; s/^/| /; s/$/ |/'
		head -n 1 "$rows" | sed 's/[^\t]*/---/g; s/\t/ | /g; s/^/| /; s/$/ |/'
		tail -n +2 "$rows" | sed 's/\t/ | /g; s/^/| /; s/$/ |/'
		if [ -s "$notes" ]; then
			echo
			echo "Notes printed by the benchmarks:"
			echo
			sed 's/^# */- /' "$notes"
		fi
	} >bench/RESULTS.md
	echo "bench: wrote bench/RESULTS.md" >&2
fi
exit $status
