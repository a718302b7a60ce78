#!/usr/bin/env bash
# The cluster engine on this machine, model by model: starts N member JVMs (`nscheck member`, heap
# HEAP each), runs `check MODEL --cluster` on them, then the single-machine `check MODEL` in the same
# run, and prints each one's counts, time, distinct states/s (overall and per member) and the bytes
# sent between members per state. Counts must be equal (the script fails if they are not).
#
#   bench/cluster-bench.sh [-n 3] [-x 256m] [-m "futex-mutex pidns-basic"] [-s "--set threads=6"]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
n=3
heap=256m
models="futex-mutex pidns-basic"
set_args=""
while getopts "n:x:m:s:h" opt; do
  case "$opt" in
    n) n="$OPTARG" ;;
    x) heap="$OPTARG" ;;
    m) models="$OPTARG" ;;
    s) set_args="$OPTARG" ;;
    *) sed -n '2,7p' "$0"; exit 2 ;;
  esac
done
"$root/nscheck" --version >/dev/null
jar="$root/checkers/target/nscheck.jar"
cluster="bench-$$"
base=$((20000 + ($$ % 20000)))
members=""
for i in $(seq 0 $((n - 1))); do members="$members${members:+,}127.0.0.1:$((base + i))"; done
pids=()
log="$(mktemp -d)"
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$log"' EXIT
for i in $(seq 0 $((n - 1))); do
  java -Xmx"$heap" -XX:+UseSerialGC -jar "$jar" member --cluster "$cluster" --port $((base + i)) --interface 127.0.0.1 \
    --members "$members" >"$log/member-$i" 2>&1 &
  pids+=($!)
done
for i in $(seq 0 $((n - 1))); do
  until grep -q ready "$log/member-$i"; do
    kill -0 "${pids[$i]}" 2>/dev/null || { cat "$log/member-$i" >&2; exit 3; }
    sleep 0.2
  done
done
echo "cluster-bench: $n member JVMs (-Xmx$heap) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git -C "$root" rev-parse --short HEAD)"
printf '%-18s %-8s %12s %13s %8s %12s %16s %12s\n' model engine distinct generated seconds distinct/s distinct/s/member bytes/state
for m in $models; do
  # shellcheck disable=SC2086
  java -jar "$jar" check "$m" $set_args --cluster "$cluster" --members "$members" --cluster-size "$n" --cluster-port $((base + n)) \
    --progress 0 --no-minimize --out "$log" >"$log/cluster.out" 2>&1 || true
  # shellcheck disable=SC2086
  java -jar "$jar" check "$m" $set_args --progress 0 --no-minimize --out "$log" >"$log/single.out" 2>&1 || true
  row() { # file engine members
    local line cl
    line="$(grep -E '^  [0-9,]+ distinct states' "$1" || true)"
    [ -n "$line" ] || { echo "cluster-bench: $m on $2 printed no counts:" >&2; cat "$1" >&2; exit 3; }
    cl="$(grep -E '^  cluster ' "$1" | sed -E 's/.*\(([0-9.]+) bytes\/state.*/\1/' || true)"
    echo "$line" | awk -v m="$m" -v e="$2" -v k="$3" -v b="${cl:--}" '{
      gsub(",", "", $1); gsub(",", "", $4); gsub(",", "", $9); sub(" s", "", $8);
      printf "%-18s %-8s %12d %13d %8.2f %12.0f %16.0f %12s\n", m, e, $1, $4, $8, $1 / $8, $1 / $8 / k, b }'
    echo "$line" | awk '{print $1, $4}' >"$1.counts"
  }
  row "$log/cluster.out" cluster "$n"
  row "$log/single.out" single 1
  cmp -s "$log/cluster.out.counts" "$log/single.out.counts" || { echo "cluster-bench: $m: the counts differ" >&2; exit 1; }
done
