#!/bin/sh
# The mutation profile's full scope, every class of spec and model mutated with every test of the
# profile run against them, as one PIT run per shard (shards.txt): each shard's mutations.xml is
# kept in checkers/target/mutation-shards/NAME/, then MutationScore counts all of them together
# against the profile's thresholds (read from checkers/pom.xml), writing score.txt there.
# Resumable: a shard whose inputs (the sources and tests of spec, model and checkers, the models,
# the poms, its line of shards.txt, the flags given here) are those it completed with is not rerun,
# so an interrupted run continues where it stopped, across sessions; any change to the inputs
# reruns every shard (a new test can kill a mutant of any package). A shard whose inputs changed
# while it ran is discarded. Extra Maven flags follow; wall times go to timing.txt.
#   checkers/src/mutation/sharded.sh -o -Dmutation.threads=2
#   checkers/src/mutation/sharded.sh --only spec-rules -o   (one shard; no thresholds checked)
#   checkers/src/mutation/sharded.sh --status               (which shards are done for these inputs)
set -e
cd "$(dirname "$0")/../../.."
mode=run only=""
if [ "$1" = "--only" ]; then only="$2"; shift 2; fi
if [ "$1" = "--status" ]; then mode=status; shift; fi
out=checkers/target/mutation-shards
mkdir -p "$out"
shards=checkers/src/mutation/shards.txt

# Every package of spec and model in exactly one shard.
packages=$(find spec/src/main/java model/src/main/java -name '*.java' | sed 's|.*/src/main/java/||; s|/[^/]*$||; s|/|.|g' | sort -u)
grep -v '^#' "$shards" | awk '{for (i = 2; i <= NF; i++) print $i}' | sort > "$out/.sharded"
if [ "$packages" != "$(sort -u "$out/.sharded")" ] || [ -n "$(uniq -d "$out/.sharded")" ]; then
    echo "sharded.sh: the packages of $shards are not those of spec and model, each once (< missing, > not a package or twice):" >&2
    echo "$packages" | diff - "$out/.sharded" >&2 || true
    exit 2
fi

# What a shard's result depends on; flags that only change speed, output or offline mode are left out.
keyflags=$(for a in "$@"; do case "$a" in -o|-B|-q|-Dmutation.threads=*) ;; *) printf '%s ' "$a" ;; esac; done)
inputs() {
    find spec/src model/src model/models checkers/src/main checkers/src/test pom.xml spec/pom.xml model/pom.xml checkers/pom.xml -type f \
        | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1
}
key() { printf '%s\n%s %s\n%s\n' "$1" "$2" "$3" "$keyflags" | sha256sum | cut -d' ' -f1; }

grep -v '^#' "$shards" | while read -r name pkgs; do
    [ -z "$name" ] && continue
    [ -n "$only" ] && [ "$only" != "$name" ] && continue
    before=$(inputs)
    key=$(key "$before" "$name" "$pkgs")
    if [ -f "$out/$name/key" ] && [ "$(cat "$out/$name/key")" = "$key" ] && [ -f "$out/$name/mutations.xml" ]; then
        echo "sharded.sh: $name done for these inputs ($(cat "$out/$name/seconds") s, $out/$name)"
        continue
    fi
    if [ "$mode" = status ]; then
        echo "sharded.sh: $name to run"
        continue
    fi
    # The classes of its packages, named one by one (a PIT glob nscheck.model.* would take the sub-packages too).
    classes=""
    for pkg in $pkgs; do
        dir=$(echo "$pkg" | tr . /)
        for f in spec/src/main/java/"$dir"/*.java model/src/main/java/"$dir"/*.java; do
            [ -f "$f" ] || continue
            c=$(basename "$f" .java)
            classes="${classes:+$classes,}$pkg.$c,$pkg.$c\$*"
        done
    done
    rm -rf "$out/$name" "$out/$name.partial"
    echo "sharded.sh: $name ($pkgs) started $(date -u +%H:%M:%S)"
    start=$(date +%s)
    mvn -B -Pmutation -pl spec,model,checkers verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
        "-Dmutation.targetClasses=$classes" "-Dmutation.reports=$PWD/$out/$name.partial" -Dmutation.score.skip=true "$@" \
        > "$out/$name.log" 2>&1 || { echo "sharded.sh: $name failed, see $out/$name.log" >&2; exit 1; }
    end=$(date +%s)
    if [ "$(inputs)" != "$before" ]; then
        echo "sharded.sh: the inputs changed while $name ran: its result is discarded; run again" >&2
        exit 1
    fi
    mv "$out/$name.log" "$out/$name.partial/pit.log"
    echo "$((end - start))" > "$out/$name.partial/seconds"
    echo "finished $(date -u +%Y-%m-%dT%H:%M:%SZ), load $(cut -d' ' -f1-3 /proc/loadavg), on $(git rev-parse --short HEAD)$(git status --porcelain -- spec/src spec/pom.xml model/src model/models model/pom.xml checkers/src/main checkers/src/test checkers/pom.xml pom.xml | grep -q . && echo ' with uncommitted changes')" > "$out/$name.partial/finished"
    mv "$out/$name.partial" "$out/$name"
    echo "$key" > "$out/$name/key"
    echo "sharded.sh: $name done in $((end - start)) s"
done

[ -n "$only" ] || [ "$mode" = status ] && exit 0
# One line per shard: its wall time, then the thresholds over all of them.
{
    echo "shard wall times (s):"
    grep -v '^#' "$shards" | while read -r name pkgs; do
        [ -z "$name" ] && continue
        printf '  %6s  %s (%s), %s\n' "$(cat "$out/$name/seconds")" "$name" "$pkgs" "$(cat "$out/$name/finished" 2>/dev/null)"
    done
} > "$out/timing.txt"
cat "$out/timing.txt"
prop() { sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" checkers/pom.xml | head -1; }
exec java checkers/src/mutation/MutationScore.java "$out" "$(prop mutation.rules)" "$(prop mutation.rules.min)" "$(prop mutation.overall.min)" "$(prop mutation.rules.uncovered)"
