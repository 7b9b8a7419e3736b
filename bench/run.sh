#!/usr/bin/env bash
# Speed comparison: runs one generated case file through this module's
# evaluate engine and through npm @cloud-copilot/iam-simulate (an AGPL
# package, used only as an external program installed into a temporary
# folder) on this machine, and prints both throughputs and the ratio.
#
#   bash bench/run.sh            # 2000 cases, seed 1
#   BENCH_CASES=5000 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

n=${BENCH_CASES:-2000}
seed=${BENCH_SEED:-1}
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

go run ./$dir/cmd/gencases -seed "$seed" -n "$n" -o "$work/cases.json" \
  -oracle-view "$work/oracle-cases.json" -deviations "$dir/testdata/deviations.json"
go build -o "$work/benchcases" ./$dir/cmd/benchcases
ours=$("$work/benchcases" -cases "$work/cases.json")
theirs=$(node "$dir/oracle/oracle.mjs" "$work" "$work/oracle-cases.json" "$work/oracle.json" --time 2>&1 >/dev/null)

node -e '
const ours = JSON.parse(process.argv[1]), theirs = JSON.parse(process.argv[2]);
const oWall = theirs.seconds * 1e9 / theirs.cases, oCPU = theirs.cpuSeconds * 1e9 / theirs.cases;
const row = (name, wall, cpu) => console.log(
  `${name.padEnd(34)} ${(1e9 / wall).toFixed(0).padStart(9)} cases/s ${wall.toFixed(0).padStart(9)} ns/case ${cpu.toFixed(0).padStart(9)} CPU ns/case` +
  (wall === oWall ? "" : `   ratio ${(oWall / wall).toFixed(0)}x wall, ${(oCPU / cpu).toFixed(0)}x CPU`));
console.log(`cases: ${ours.cases} (seed ${process.argv[3]}), ${ours.undecidableCases} not compilable`);
row("iam-simulate runSimulation", oWall, oCPU);
row("evaluate parse+Compile+Decide", ours.compileDecideNsPerCase, ours.compileDecideCpuNsPerCase);
row("evaluate Decide (compiled)", ours.decideNsPerCase, ours.decideCpuNsPerCase);
' "$ours" "$theirs" "$seed"
