#!/bin/sh
# A narrow run of the mutation profile: the given classes (PIT globs; default every rule class)
# mutated, the spec's own tests run against them, one thread. For measuring one rule file on a
# loaded machine; the profile's own default (mvn -B -Pmutation -pl spec,model,checkers verify) mutates spec and model
# and runs every module's tests. Extra Maven flags (e.g. -o) may follow the classes after --.
#   checkers/src/mutation/narrow.sh nscheck.spec.rules.AfUnixRules nscheck.spec.rules.SignalRules
set -e
cd "$(dirname "$0")/../../.."
classes=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do classes="${classes:+$classes,}$1"; shift; done
[ "$1" = "--" ] && shift
exec mvn -B -Pmutation -pl spec,model,checkers -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dmutation.targetClasses=${classes:-nscheck.spec.rules.*,nscheck.spec.variant.Mainline}" \
    '-Dmutation.targetTests=nscheck.spec.*' -Dmutation.threads=1 "$@"
