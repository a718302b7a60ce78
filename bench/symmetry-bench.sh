#!/usr/bin/env bash
# Symmetry reduction (docs/performance.md "Symmetry reduction: task slots"): `check MODEL` with and
# without --no-symmetry, back to back in one run, for each set of extra options; prints each
# run's distinct and generated states, seconds and peak RSS (GNU time's %M), and the reduction.
# Verdict lines must agree (the script says so if they do not). With -6 it also runs tasks=6 once,
# reduced only (the unreduced run does not fit the machine), with pid_max=7 so that six tasks can
# hold a number in init_pid_ns at once (with the model's pid_max=5 at most four can, and tasks=6
# counts what tasks=5 does), stopped after 600 s if it has not ended (its row then says so).
# Every run is ./nscheck, as a user runs it (its launcher's heap policy).
#
#   bench/symmetry-bench.sh [-m pidns-large] [-6] > bench/symmetry-results.txt
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
model="pidns-large"
six=0
while getopts "m:6h" opt; do
  case "$opt" in
    m) model="$OPTARG" ;;
    6) six=1 ;;
    *) sed -n '2,8p' "$0"; exit 2 ;;
  esac
done
"$root/nscheck" --version >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
limit=0 # timeout(1): 0 is no limit
echo "symmetry-bench: $(git -C "$root" rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-32s %-9s %12s %13s %9s %8s  %s\n' command symmetry distinct generated seconds "RSS MiB" result
run() { # $1 = label, $2 = symmetry flag or "", rest = extra options
  local label="$1" flag="$2"; shift 2
  # shellcheck disable=SC2086
  /usr/bin/time -f %M -o "$tmp/rss" timeout "$limit" "$root/nscheck" check "$model" "$@" $flag --progress 0 --no-minimize --out "$tmp/out" > "$tmp/run.out" || true
  local line result
  line="$(grep -E '^  [0-9,]+ distinct states' "$tmp/run.out")"
  result="$(grep -E '^result: ' "$tmp/run.out" | cut -c9-)"
  grep -q '^result: ' "$tmp/run.out" || result="stopped after $limit s (timeout): $(grep -iE 'interrupt|stopp' "$tmp/run.out" | head -1)"
  printf '%-32s %-9s %12s %13s %9s %8s  %s\n' "$label" "$([ -n "$flag" ] && echo off || echo on)" \
    "$(echo "$line" | awk '{print $1}')" "$(echo "$line" | awk '{print $4}')" "$(echo "$line" | awk '{print $8}')" \
    "$(( $(tail -1 "$tmp/rss") / 1024 ))" "$result"
  echo "$result" > "$tmp/result.$([ -n "$flag" ] && echo off || echo on)"
}
for extra in "" "--set tasks=5 --force"; do
  # shellcheck disable=SC2086
  run "check $model $extra" "" $extra
  # shellcheck disable=SC2086
  run "check $model $extra" "--no-symmetry" $extra
  cmp -s "$tmp/result.on" "$tmp/result.off" || echo "  results differ with and without symmetry"
done
# shellcheck disable=SC2086
[ "$six" = 1 ] && limit=600 && run "check $model --set tasks=6 --set pid_max=7 --force" "" --set tasks=6 --set pid_max=7 --force
exit 0
