#!/usr/bin/env bash
# Runs SPIN and nscheck on the same futex mutex model, row by row (so both see the same machine
# load), and prints each one's distinct states/s, memory and the ratios.
#
#   bench/spin-bench.sh [-n "6 7 8"] [-v "once forever"] [-w WORKERS] [-g]
#
# -g compares SPIN with the generic path (issue 14): the object model FutexMutexObjects on the
# level-synchronous object engine (LevelSynchronousBfs), the `object-bfs` row of `nscheck bench --reference all` (the only row beyond N = 8)
# instead of the packed engine's (the packed model holds up to 11 threads since issue 14; both rows are printed).
#
# Installs SPIN (Debian package `spin`) if it is missing. Needs gcc and /usr/bin/time.
# SPIN_BENCH_KEEP=DIR keeps each row's raw nscheck bench and SPIN pan outputs in DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
sizes="6 7 8"
variants="once forever"
workers="$(nproc)"
engine="parallel-bfs"
reference="none"
while getopts "n:v:w:gh" opt; do
  case "$opt" in
    n) sizes="$OPTARG" ;;
    v) variants="$OPTARG" ;;
    w) workers="$OPTARG" ;;
    g) engine="object-bfs"; reference="all" ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
  esac
done

if ! command -v spin >/dev/null; then
  echo "spin-bench: SPIN is not installed; installing the Debian package" >&2
  apt-cache policy spin >&2 || true
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq spin >&2
fi
for tool in spin gcc /usr/bin/time java; do
  command -v "$tool" >/dev/null || { echo "spin-bench: $tool is required" >&2; exit 2; }
done

# Build nscheck once (the launcher rebuilds when sources changed), outside the measured runs.
"$root/nscheck" --version >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "spin-bench: $(spin -V | head -1); gcc $(gcc -dumpversion); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  SPIN: spin -DN=n [-DFOREVER] -a bench/futex-mutex.pml; gcc -O2 -DBFS -DSAFETY -DNOREDUCE; ./pan -w<ceil(log2 states)>"
echo "  nscheck: nscheck bench -n n --mode v --threads $workers --reference $reference --progress 0 (its $engine row)"
printf '%-8s %2s | %11s %7s %12s %9s %8s | %7s %12s %9s %8s | %7s %7s\n' \
  variant N states "SPIN s" "SPIN st/s" "SPIN B/st" "SPIN RSS" "nsc s" "nsc st/s" "nsc B/st" "nsc RSS" "speed x" "mem x"

mismatch=0
for v in $variants; do
  for n in $sizes; do
    # nscheck first: its state count sets SPIN's hash table size.
    # Through the launcher, so with its JVM options (the collector); JAVA_OPTS still adds to them.
    "/usr/bin/time" -f "%M" -o "$work/nsc.rss" "$root/nscheck" bench \
        -n "$n" --mode "$v" --threads "$workers" --reference "$reference" --progress 0 > "$work/nsc.out"
    row="$(grep -E "^futex-mutex-$v +$n +$engine " "$work/nsc.out")"
    [ -n "$row" ] || { echo "spin-bench: no $engine row for $v N=$n:" >&2; cat "$work/nsc.out" >&2; exit 1; }
    nsc_states="$(echo "$row" | awk '{print $4}' | tr -d ,)"
    nsc_secs="$(echo "$row" | awk '{print $7}')"
    nsc_rate="$(echo "$row" | awk '{print $8}' | tr -d ,)"
    nsc_bps="$(echo "$row" | awk '{print $9}')"
    nsc_rss_kb="$(cat "$work/nsc.rss")"

    w="$(awk -v s="$nsc_states" 'BEGIN { w = 10; while (2 ^ w < s) w++; print w }')"
    flag=""; [ "$v" = forever ] && flag="-DFOREVER"
    (cd "$work" && spin -DN="$n" $flag -a "$here/futex-mutex.pml" >/dev/null \
      && gcc -O2 -DBFS -DSAFETY -DNOREDUCE -DMEMLIM=16384 -o pan pan.c)
    (cd "$work" && "/usr/bin/time" -f "%M" -o spin.rss ./pan -w"$w" > spin.out 2>&1) || true
    spin_states="$(awk '/states, stored/ {print $1; exit}' "$work/spin.out")"
    spin_secs="$(awk '/pan: elapsed time/ {print $4}' "$work/spin.out")"
    spin_mem_mb="$(awk '/total actual memory usage/ {print $1}' "$work/spin.out")"
    spin_rss_kb="$(cat "$work/spin.rss")"
    if [ -n "${SPIN_BENCH_KEEP:-}" ]; then # the raw outputs a row was read from, for pinning beside the table
      cp "$work/nsc.out" "$SPIN_BENCH_KEEP/nscheck-bench-$v-$n.txt"; cp "$work/spin.out" "$SPIN_BENCH_KEEP/spin-pan-$v-$n.txt"
    fi
    if grep -q "errors: [1-9]" "$work/spin.out"; then echo "spin-bench: SPIN reports errors:" >&2; cat "$work/spin.out" >&2; exit 1; fi

    awk -v v="$v" -v n="$n" -v ss="$spin_states" -v st="$spin_secs" -v sm="$spin_mem_mb" -v sr="$spin_rss_kb" \
        -v ns="$nsc_states" -v nt="$nsc_secs" -v nr="$nsc_rate" -v nb="$nsc_bps" -v nrss="$nsc_rss_kb" 'BEGIN {
      srate = st > 0 ? ss / st : 0
      sbps = sm * 1048576 / ss
      printf "%-8s %2d | %11d %7.2f %12.0f %9.1f %7.0fM | %7.2f %12.0f %9.1f %7.0fM | %7.1f %7.1f\n",
        v, n, ss, st, srate, sbps, sr / 1024, nt, nr, nb, nrss / 1024, (srate > 0 ? nr / srate : 0), sbps / nb
      if (ss != ns) { printf "  MISMATCH: SPIN stored %d states, nscheck %d\n", ss, ns; exit 1 }
    }' || mismatch=1
  done
done
echo "  st/s: distinct states per second; B/st: bytes per state (SPIN: its 'total actual memory usage'; nscheck: its state"
echo "  table and peak frontier); RSS: peak resident memory of the process; speed x: nscheck st/s / SPIN st/s; mem x: SPIN B/st / nscheck B/st"
if [ "$mismatch" -ne 0 ]; then echo "spin-bench: the distinct-state counts differ (see MISMATCH above)" >&2; exit 1; fi
echo "  distinct-state counts: identical to SPIN's 'states, stored' on every row"
