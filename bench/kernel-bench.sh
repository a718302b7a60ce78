#!/usr/bin/env bash
# Old engine against new on the kernel models, in one run: builds nscheck at REV (default bbb0538,
# main just before issue 8: sequential Bfs, every task hashed in full) into a temporary directory,
# then runs `check MODEL` with that jar and with this tree's jar back to back, and prints each
# one's time and the speed-up. Counts must be equal (the script says so if they are not).
#
# Each row also gives the process's peak resident memory (GNU time's %M) per distinct state.
#
#   bench/kernel-bench.sh [-r REV] [-m "pidns-large pidns-init-death"] [-s "--set tasks=5 --force"]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
rev="bbb0538"
models="pidns-large"
extra=""
while getopts "r:m:s:h" opt; do
  case "$opt" in
    r) rev="$OPTARG" ;;
    m) models="$OPTARG" ;;
    s) extra="$OPTARG" ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
"$root/nscheck" --version >/dev/null
old="$(mktemp -d)"
trap 'rm -rf "$old"' EXIT
git -C "$root" archive "$rev" | tar -x -C "$old"
(cd "$old" && mvn -q -B -o -DskipTests package >&2)

echo "kernel-bench: old = $rev ($(git -C "$root" log -1 --format=%s "$rev" | cut -c1-60)), new = $(git -C "$root" rev-parse --short HEAD)"
echo "  $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  check MODEL ${extra} --progress 0"
printf '%-18s %-4s %12s %13s %9s %12s %8s %9s\n' model jar distinct generated seconds distinct/s "RSS MiB" "RSS B/st"
for m in $models; do
  for which in old new; do
    jar="$root/checkers/target/nscheck.jar"; [ "$which" = old ] && jar="$old/checkers/target/nscheck.jar"
    # shellcheck disable=SC2086
    /usr/bin/time -f %M -o "$old/$which.rss" java ${JAVA_OPTS:-} -jar "$jar" check "$m" $extra --progress 0 --out "$old/out" > "$old/$which.out" || true
    rss_kb="$(tail -1 "$old/$which.rss")"
    line="$(grep -E '^  [0-9,]+ distinct states' "$old/$which.out")"
    distinct="$(echo "$line" | awk '{print $1}')"; generated="$(echo "$line" | awk '{print $4}')"
    secs="$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($(i+1) == "s,") print $i}')"
    printf '%-18s %-4s %12s %13s %9s %12s %8s %9s\n' "$m" "$which" "$distinct" "$generated" "$secs" \
      "$(awk -v d="${distinct//,/}" -v s="$secs" 'BEGIN { printf "%.0f", d / s }')" \
      "$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')" \
      "$(awk -v k="$rss_kb" -v d="${distinct//,/}" 'BEGIN { printf "%.0f", k * 1024 / d }')"
    eval "${which}_secs=$secs; ${which}_distinct=${distinct//,/}; ${which}_generated=${generated//,/}"
  done
  awk -v o="$old_secs" -v n="$new_secs" -v m="$m" 'BEGIN { printf "%-18s speed-up new/old: %.2fx\n", m, o / n }'
  if [ "$old_distinct" != "$new_distinct" ] || [ "$old_generated" != "$new_generated" ]; then
    echo "  MISMATCH: old and new engines disagree on $m"; exit 1
  fi
done
