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

for tool in node npm go; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$(basename "$0"): $tool is needed (Node.js 20 with npm, and Go)" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$dir/oracle/package.json" "$work/package.json"
(cd "$work" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
want=$(node -p "require('./$dir/oracle/package.json').dependencies['@cloud-copilot/iam-simulate']")
got=$(node -p "require('$work/node_modules/@cloud-copilot/iam-simulate/package.json').version")
if [ "$want" != "$got" ]; then
  echo "difftest: installed oracle $got, want $want" >&2
  exit 1
fi

go run ./$dir/cmd/gencases -seed "$seed" -n "$n" -o "$work/cases.json" \
  -oracle-view "$work/oracle-cases.json" -deviations "$dir/testdata/deviations.json"
node "$dir/oracle/oracle.mjs" "$work" "$work/oracle-cases.json" "$work/oracle.json"
go run ./$dir/cmd/compare -cases "$work/cases.json" -oracle "$work/oracle.json" \
  -deviations "$dir/testdata/deviations.json"
