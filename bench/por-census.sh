#!/usr/bin/env bash
# Does partial-order reduction pay on the kernel models (issue 14, item 3)? Runs
# bench/IndependenceCensus.java (measures, builds nothing) on two models and prints its census:
# how many pairs of enabled actions of two tasks commute, and how small an ample set could be by
# issue 14's static rule, by a relaxed one and by the dynamic relation itself. The output pinned
# in bench/por-census.txt is what docs/performance.md quotes ("Partial-order reduction: measured").
#
#   bench/por-census.sh > bench/por-census.txt      # a few minutes on 2 cores
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
"$root/nscheck" --version >/dev/null
echo "por-census: $(git -C "$root" rev-parse --short HEAD), $(date -u +%Y-%m-%d)"
run() { java -Xmx4g -cp "$root/checkers/target/nscheck.jar" "$here/IndependenceCensus.java" "$@"; }
run pidns-basic
run --sample 128 pidns-large
