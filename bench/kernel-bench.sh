#!/usr/bin/env bash
# Old engine against new on the kernel models, in one run: builds nscheck at REV (default bbb0538,
# main just before issue 8: sequential Bfs, every task hashed in full, no symmetry) into a temporary
# directory, then runs `check MODEL` back to back three times: with that jar, with this tree as a
# user runs it (./nscheck: its launcher's heap policy, task-slot symmetry on), and with this tree
# and --no-symmetry. The old count must equal the unreduced one (the script says so if it does
# not); it prints the reduction (unreduced / reduced distinct states) and each tree row's speed-up
# over the old engine.
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
    *) sed -n '2,12p' "$0"; exit 2 ;;
  esac
done
"$root/nscheck" --version >/dev/null
old="$(mktemp -d)"
trap 'rm -rf "$old"' EXIT
git -C "$root" archive "$rev" | tar -x -C "$old"
(cd "$old" && mvn -q -B -o -DskipTests package >&2)
oldjar="$old/checkers/target/nscheck.jar"
# The old CLI may predate --force (the memory estimate) and --no-symmetry: it gets the options it knows.
old_extra="$extra"
java -jar "$oldjar" check --help 2>&1 | grep -q -- '--force' || old_extra="$(echo " $extra " | sed 's/ --force / /g')"

echo "kernel-bench: old = $rev ($(git -C "$root" log -1 --format=%s "$rev" | cut -c1-60)), new = $(git -C "$root" rev-parse --short HEAD)"
echo "  $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  check MODEL ${extra} --progress 0; old: java ${JAVA_OPTS:-} -jar (its launcher's command), new: ./nscheck"
printf '%-18s %-13s %12s %13s %9s %12s %8s %9s %9s\n' model jar distinct generated seconds distinct/s "RSS MiB" "RSS B/st" "speed-up"
for m in $models; do
  for which in old new new-nosym; do
    case "$which" in
      # The old engine as its launcher ran it (bbb0538's ./nscheck: java $JAVA_OPTS -jar).
      old) cmd=(java ${JAVA_OPTS:-} -jar "$oldjar" check "$m" $old_extra) ;;
      new) cmd=("$root/nscheck" check "$m" $extra) ;;
      new-nosym) cmd=("$root/nscheck" check "$m" $extra --no-symmetry) ;;
    esac
    /usr/bin/time -f %M -o "$old/$which.rss" "${cmd[@]}" --progress 0 --out "$old/out" > "$old/$which.out" || true
    rss_kb="$(tail -1 "$old/$which.rss")"
    line="$(grep -E '^  [0-9,]+ distinct states' "$old/$which.out")"
    distinct="$(echo "$line" | awk '{print $1}')"; generated="$(echo "$line" | awk '{print $4}')"
    secs="$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($(i+1) == "s,") print $i}')"
    key="${which//-/_}"
    eval "${key}_secs=$secs; ${key}_distinct=${distinct//,/}; ${key}_generated=${generated//,/}"
    printf '%-18s %-13s %12s %13s %9s %12s %8s %9s %9s\n' "$m" "$which" "$distinct" "$generated" "$secs" \
      "$(awk -v d="${distinct//,/}" -v s="$secs" 'BEGIN { printf "%.0f", d / s }')" \
      "$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')" \
      "$(awk -v k="$rss_kb" -v d="${distinct//,/}" 'BEGIN { printf "%.0f", k * 1024 / d }')" \
      "$(awk -v o="$old_secs" -v n="$secs" 'BEGIN { printf "%.2fx", o / n }')"
  done
  awk -v u="$new_nosym_distinct" -v r="$new_distinct" -v o="$old_secs" -v n="$new_secs" -v m="$m" \
    'BEGIN { printf "%-18s symmetry keeps 1 state in %.2f; new (symmetry on) is %.2fx the old engine'"'"'s speed\n", m, u / r, o / n }'
  if [ "$old_distinct" != "$new_nosym_distinct" ] || [ "$old_generated" != "$new_nosym_generated" ]; then
    echo "  MISMATCH: the old engine and new-nosym disagree on $m"; exit 1
  fi
done
