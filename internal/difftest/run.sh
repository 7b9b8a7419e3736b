#!/usr/bin/env bash
# Differential test of the evaluate engine against an independent
# implementation, npm @cloud-copilot/iam-simulate (pinned in
# internal/difftest/oracle/package.json). That package is AGPL: it is used
# only as an external oracle, installed into a temporary folder that is
# deleted afterwards, and never copied into this repository.
#
# Generates DIFFTEST_CASES cases (default 10000) with DIFFTEST_SEED (default
# 1), and DIFFTEST_MANAGED_CASES cases (default 3000) built from AWS's own
# managed policies (the corpus in the folder CKSIAM_MANAGED_POLICIES names,
# fetched into the temporary folder when it is unset), decides them with
# the oracle and with evaluate, prints a summary line and exits non-zero on
# any disagreement not excused by internal/difftest/testdata/deviations.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

seed=${DIFFTEST_SEED:-1}
n=${DIFFTEST_CASES:-10000}
managed_n=${DIFFTEST_MANAGED_CASES:-3000}
dir=internal/difftest

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$dir/oracle/install.sh" "$work"
managed=${CKSIAM_MANAGED_POLICIES:-}
if [ -z "$managed" ]; then
  managed="$work/managed"
  bash internal/managedpolicies/fetch.sh "$managed" >/dev/null
fi

go run ./$dir/cmd/gencases -seed "$seed" -n "$n" -o "$work/cases.json" \
  -oracle-view "$work/oracle-cases.json" -deviations "$dir/testdata/deviations.json" \
  -managed "$managed" -managed-n "$managed_n"
node "$dir/oracle/oracle.mjs" "$work" "$work/oracle-cases.json" "$work/oracle.json"
go run ./$dir/cmd/compare -cases "$work/cases.json" -oracle "$work/oracle.json" \
  -deviations "$dir/testdata/deviations.json"
