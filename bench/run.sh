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

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$dir/oracle/install.sh" "$work"

go run ./$dir/cmd/gencases -seed "$seed" -n "$n" -o "$work/cases.json" \
  -oracle-view "$work/oracle-cases.json" -deviations "$dir/testdata/deviations.json"
go build -o "$work/benchcases" ./$dir/cmd/benchcases
ours=$("$work/benchcases" -cases "$work/cases.json")
theirs=$(node "$dir/oracle/oracle.mjs" "$work" "$work/oracle-cases.json" "$work/oracle.json" --time 2>&1 >/dev/null)

node -e '
const ours = JSON.parse(process.argv[1]), theirs = JSON.parse(process.argv[2]);
const per = (sec) => sec * 1e9 / theirs.cases;
const oWall = per(theirs.seconds), oCPU = per(theirs.cpuSeconds);
const pWall = per(theirs.prevalidatedSeconds), pCPU = per(theirs.prevalidatedCpuSeconds);
const ratio = (w, c, bw, bc) => `${(bw / w).toFixed(0)}x wall, ${(bc / c).toFixed(0)}x CPU`;
const row = (name, wall, cpu, note) => console.log(
  `${name.padEnd(46)} ${(1e9 / wall).toFixed(0).padStart(9)} cases/s ${wall.toFixed(0).padStart(9)} ns/case ${cpu.toFixed(0).padStart(9)} CPU ns/case` +
  (note ? `   ${note}` : ""));
console.log(`cases: ${ours.cases} (seed ${process.argv[3]}), ${ours.undecidableCases} not compilable (left out of the pre-compiled rows)`);
row("iam-simulate runSimulation", oWall, oCPU, "(1x: validates, loads and evaluates)");
row("iam-simulate runSimulation, pre-validated", pWall, pCPU,
  theirs.prevalidatedDiffer === 0 ? "(loads and evaluates)" : `(NOT COMPARABLE: ${theirs.prevalidatedDiffer} decisions differ)`);
row("evaluate parse+Compile+Decide (JSON text)", ours.compileDecideNsPerCase, ours.compileDecideCpuNsPerCase,
  "ratio " + ratio(ours.compileDecideNsPerCase, ours.compileDecideCpuNsPerCase, oWall, oCPU));
row("evaluate Compile+Decide (parsed documents)", ours.compileParsedDecideNsPerCase, ours.compileParsedDecideCpuNsPerCase,
  "ratio " + ratio(ours.compileParsedDecideNsPerCase, ours.compileParsedDecideCpuNsPerCase, oWall, oCPU));
row("evaluate Decide (compiled beforehand)", ours.decideNsPerCase, ours.decideCpuNsPerCase,
  "ratio " + ratio(ours.decideNsPerCase, ours.decideCpuNsPerCase, oWall, oCPU) +
  "; vs pre-validated " + ratio(ours.decideNsPerCase, ours.decideCpuNsPerCase, pWall, pCPU));
row(`evaluate Decide, in cache (${ours.blockCases}-case blocks x${ours.blockRepeats})`, ours.decideInCacheNsPerCase, ours.decideInCacheCpuNsPerCase,
  "ratio " + ratio(ours.decideInCacheNsPerCase, ours.decideInCacheCpuNsPerCase, oWall, oCPU) +
  "; vs pre-validated " + ratio(ours.decideInCacheNsPerCase, ours.decideInCacheCpuNsPerCase, pWall, pCPU));
' "$ours" "$theirs" "$seed"
