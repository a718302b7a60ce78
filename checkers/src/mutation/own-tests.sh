#!/bin/sh
# The mutation profile over its own classes (spec and model) with only the spec's and the model's
# own tests: the run the profile's overall threshold is set from. Its kills are a subset of the full
# profile's (the same mutants, fewer tests), so its killed share of ALL mutants is a floor for the
# full run's killed share of the covered ones (docs/test-strength.md). Extra Maven flags (e.g. -o)
# follow.
#   checkers/src/mutation/own-tests.sh -o
set -e
cd "$(dirname "$0")/../../.."
exec mvn -B -Pmutation -pl spec,model,checkers verify '-Dmutation.targetTests=nscheck.spec.*,nscheck.model.*' "$@"
