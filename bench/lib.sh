# Shared helpers for bench/*.sh (sourced, not run).
# measure CMD...: runs CMD through /usr/bin/time; sets SECONDS_TAKEN (median
# of $BENCH_RUNS runs, default 3, wall clock), CPU_TAKEN (median of the same
# runs' user + system CPU seconds, children included: the cost of the work,
# which unlike the wall clock does not depend on what else the machine is
# running) and PEAK_MB (max RSS, MB).
measure() {
	runs=${BENCH_RUNS:-3}
	times=""
	cpus=""
	PEAK_MB=0
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %M %U %S' -o "$BENCH_TMP/time" sh -c "$1" >/dev/null 2>"$BENCH_TMP/err" || {
			echo "bench: command failed: $1" >&2
			cat "$BENCH_TMP/err" >&2
			return 1
		}
		set -- "$1"
		read -r s kb user sys <"$BENCH_TMP/time"
		times="$times $s"
		cpus="$cpus $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
		run_mb=$((kb / 1024))
		[ $run_mb -gt "$PEAK_MB" ] && PEAK_MB=$run_mb
		i=$((i + 1))
	done
	SECONDS_TAKEN=$(median $times)
	CPU_TAKEN=$(median $cpus)
}

# median N...: the middle value (the lower middle one of an even count)
median() {
	echo "$@" | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# row NAME INPUT_MB CTK_S BASELINE BASELINE_S PEAK_MB
row() {
	ratio=$(awk -v a="$5" -v b="$3" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$ratio" "$6"
}

BENCH_TMP=${BENCH_TMP:-$(mktemp -d)}
