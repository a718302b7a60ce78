#!/usr/bin/env bash
# Where a check spends its CPU: runs `./nscheck check ARGS...` under Java Flight Recorder's sampling
# profiler, then prints the methods most often on top of a sampled stack (self) and on it at all
# (inclusive: the method or what it calls), as shares of the execution samples. Sampled Java
# threads only: the JIT compilers and the collector are not in it.
#
# -m REGEX adds the inclusive share of every method whose name matches REGEX, however small.
#
#   bench/jfr-top.sh [-n ROWS] [-m REGEX] ARGS...     e.g. bench/jfr-top.sh -m canonical pidns-large
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rows=25
match=""
while [ "${1:-}" = "-n" ] || [ "${1:-}" = "-m" ]; do
  if [ "$1" = "-n" ]; then rows="$2"; else match="$2"; fi
  shift 2
done
[ $# -gt 0 ] || { sed -n '2,9p' "$0"; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "jfr-top${match:+ -m $match}: ./nscheck check $* --progress 0, commit $(git -C "$here/.." rev-parse --short HEAD)"
echo "  $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
JAVA_OPTS="${JAVA_OPTS:-} -XX:StartFlightRecording=filename=$tmp/c.jfr,settings=profile" \
  "$here/../nscheck" check "$@" --progress 0 2>/dev/null | grep -E '^(result|  [0-9,]+ distinct)' || true
jfr print --stack-depth 128 --events jdk.ExecutionSample "$tmp/c.jfr" | awk -v want="$match" '
  /stackTrace = \[/ { inside = 1; depth = 0; delete seen; samples++; next }
  inside && /^[[:space:]]*\]/ { inside = 0; next }
  inside {
    m = $1; sub(/\(.*/, "", m)
    if (m == "...") next
    if (depth++ == 0) self[m]++
    if (!(m in seen)) { seen[m] = 1; incl[m]++ }
  }
  END {
    printf "  %d execution samples\n", samples > "/dev/stderr"
    for (m in self) printf "self %.1f %s\n", 100 * self[m] / samples, m
    for (m in incl) if (m ~ /^nscheck\./ || (want != "" && m ~ want)) printf "incl %.1f %s\n", 100 * incl[m] / samples, m
  }' > "$tmp/shares" 2> "$tmp/count"
set +o pipefail # head ends the sorts early: not a failure
cat "$tmp/count"
echo "self (top of the stack):"
grep '^self ' "$tmp/shares" | sort -k2,2 -rn | head -n "$rows" | awk '{ printf "  %5.1f%%  %s\n", $2, $3 }'
echo "inclusive (on the stack), nscheck methods:"
grep '^incl ' "$tmp/shares" | sort -k2,2 -rn | head -n "$rows" | awk '{ printf "  %5.1f%%  %s\n", $2, $3 }'
if [ -n "$match" ]; then
  echo "inclusive, methods matching $match:"
  grep '^incl ' "$tmp/shares" | awk -v re="$match" '$3 ~ re' | sort -k2,2 -rn | awk '{ printf "  %5.1f%%  %s\n", $2, $3 }'
fi
