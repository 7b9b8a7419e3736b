#!/usr/bin/env bash
# Installs the oracle (npm @cloud-copilot/iam-simulate at the version pinned
# in package.json beside this script) into the folder given as $1, after
# checking that node, npm and go are available. The package is AGPL: it is
# only ever installed into a temporary folder and run as an external
# program, never copied into this repository.
#
#   bash internal/difftest/oracle/install.sh "$work"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:?usage: install.sh FOLDER}

for tool in node npm go; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "oracle/install.sh: $tool is needed (Node.js 20 with npm, and Go)" >&2
    exit 1
  fi
done

cp "$here/package.json" "$work/package.json"
(cd "$work" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
want=$(node -p "require('$here/package.json').dependencies['@cloud-copilot/iam-simulate']")
got=$(node -p "require('$work/node_modules/@cloud-copilot/iam-simulate/package.json').version")
if [ "$want" != "$got" ]; then
  echo "oracle/install.sh: installed oracle $got, want $want" >&2
  exit 1
fi
