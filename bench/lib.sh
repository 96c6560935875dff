# Shared helpers for bench/*.sh (sourced, not run).
# measure CMD...: runs CMD through /usr/bin/time; sets SECONDS_TAKEN (median
# of $BENCH_RUNS runs, default 3, wall clock) and PEAK_MB (max RSS, MB).
measure() {
	runs=${BENCH_RUNS:-3}
	times=""
	PEAK_MB=0
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$BENCH_TMP/time" sh -c "$1" >/dev/null 2>"$BENCH_TMP/err" || {
			echo "bench: command failed: $1" >&2
			cat "$BENCH_TMP/err" >&2
			return 1
		}
		set -- "$1"
		read -r s kb <"$BENCH_TMP/time"
		times="$times $s"
		run_mb=$((kb / 1024))
		[ $run_mb -gt "$PEAK_MB" ] && PEAK_MB=$run_mb
		i=$((i + 1))
	done
	SECONDS_TAKEN=$(echo $times | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
}

# row NAME INPUT_MB CTK_S BASELINE BASELINE_S PEAK_MB
row() {
	ratio=$(awk -v a="$5" -v b="$3" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$ratio" "$6"
}

BENCH_TMP=${BENCH_TMP:-$(mktemp -d)}
