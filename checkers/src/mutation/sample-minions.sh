#!/bin/bash
# Where a running mutation run's time goes: every few seconds, the test each PIT minion of this
# worktree is running (the outermost test frame of its main thread, from jstack), or "hotswap" while
# PIT swaps in the next mutant, or the main thread's top frame. One line per sample; tally with
#   checkers/src/mutation/sample-minions.sh > samples.txt &   (while sharded.sh runs)
#   awk '{print $3}' samples.txt | sed 's/^other:.*/other/; s/\.[^.]*$//' | sort | uniq -c | sort -rn
# PIT runs a mutant's covering tests fastest first and stops at the first that fails, so the slow
# tests run mostly for the mutants nothing kills: their share of the samples is their cost.
cd "$(dirname "$0")/../.." || exit 2
here=$(pwd -P)
while true; do
    for p in $(pgrep -f MutationTestMinion); do
        [ "$(readlink "/proc/$p/cwd" 2>/dev/null)" = "$here" ] || continue
        main=$(timeout 20 jstack "$p" 2>/dev/null | awk '/^"main"/,/^$/')
        [ -z "$main" ] && continue
        if echo "$main" | grep -q redefineClasses; then
            t=hotswap
        else
            t=$(echo "$main" | grep -E '^\s+at nscheck\.[a-z.]*\.[A-Z][A-Za-z]*Test[A-Za-z]*\.[a-zA-Z_0-9$]+\(' | tail -1 | sed 's/^\s*at //; s/(.*//')
            [ -z "$t" ] && t="other:$(echo "$main" | sed -n 3p | sed 's/^\s*at //; s/(.*//')"
        fi
        echo "$(date -u +%H:%M:%S) $p $t"
    done
    sleep 4
done
