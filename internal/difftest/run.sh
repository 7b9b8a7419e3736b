#!/usr/bin/env bash
# Differential test of the evaluate engine against an independent
# implementation, npm @cloud-copilot/iam-simulate (pinned in
# internal/difftest/oracle/package.json). That package is AGPL: it is used
# only as an external oracle, installed into a temporary folder that is
# deleted afterwards, and never copied into this repository.
#
# Generates DIFFTEST_CASES cases (default 10000) with DIFFTEST_SEED (default
# 1), decides them with the oracle and with evaluate, prints a summary line
# and exits non-zero on any disagreement not excused by
# internal/difftest/testdata/deviations.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

seed=${DIFFTEST_SEED:-1}
n=${DIFFTEST_CASES:-10000}
dir=internal/difftest

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$dir/oracle/install.sh" "$work"

go run ./$dir/cmd/gencases -seed "$seed" -n "$n" -o "$work/cases.json" \
  -oracle-view "$work/oracle-cases.json" -deviations "$dir/testdata/deviations.json"
node "$dir/oracle/oracle.mjs" "$work" "$work/oracle-cases.json" "$work/oracle.json"
go run ./$dir/cmd/compare -cases "$work/cases.json" -oracle "$work/oracle.json" \
  -deviations "$dir/testdata/deviations.json"
