#!/usr/bin/env bash
# Speed comparison: runs one case file through this module's evaluate
# engine and through npm @cloud-copilot/iam-simulate (an AGPL package, used
# only as an external program installed into a temporary folder) on this
# machine, and prints every throughput with its ratio to the oracle's.
#
# The case file holds BENCH_CASES generated cases (KMS, CloudHSM, EC2, IAM
# and STS requests around a custom key store; internal/difftest's
# Generator) and BENCH_MANAGED_CASES cases built from AWS's own managed
# policies (difftest.RealCases; the corpus in the folder
# CKSIAM_MANAGED_POLICIES names, else fetched into the temporary folder).
#
#   bash bench/run.sh                          # 2000 + 2000 cases, seed 1
#   BENCH_CASES=5000 BENCH_MANAGED_CASES=0 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

n=${BENCH_CASES:-2000}
managed_n=${BENCH_MANAGED_CASES:-2000}
seed=${BENCH_SEED:-1}
dir=internal/difftest

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$dir/oracle/install.sh" "$work"
managed=()
if [ "$managed_n" -gt 0 ]; then
  corpus=${CKSIAM_MANAGED_POLICIES:-}
  if [ -z "$corpus" ]; then
    corpus="$work/managed"
    bash internal/managedpolicies/fetch.sh "$corpus" >/dev/null
  fi
  managed=(-managed "$corpus" -managed-n "$managed_n")
fi

go run ./$dir/cmd/gencases -seed "$seed" -n "$n" -o "$work/cases.json" \
  -oracle-view "$work/oracle-cases.json" -deviations "$dir/testdata/deviations.json" "${managed[@]}"
# The generated cases (IDs c…) and those from managed policies (r…) are
# timed apart, so that each kind's ratios show; the rows for the whole file
# add the two.
node -e '
const fs = require("fs");
const [dir] = process.argv.slice(1);
for (const f of ["cases", "oracle-cases"]) {
  const all = JSON.parse(fs.readFileSync(`${dir}/${f}.json`, "utf8"));
  for (const k of ["c", "r"]) fs.writeFileSync(`${dir}/${f}-${k}.json`, JSON.stringify(all.filter((c) => c.id[0] === k)));
}' "$work"
go build -o "$work/benchcases" ./$dir/cmd/benchcases
kinds=()
for k in c r; do
  if [ "$(node -p "JSON.parse(require('fs').readFileSync('$work/cases-$k.json','utf8')).length")" -gt 0 ]; then
    kinds+=("$k")
    "$work/benchcases" -cases "$work/cases-$k.json" >"$work/ours-$k.json"
    node "$dir/oracle/oracle.mjs" "$work" "$work/oracle-cases-$k.json" "$work/oracle-$k.json" --time 2>"$work/theirs-$k.json" >/dev/null
  fi
done

node -e '
const fs = require("fs");
const [dir, seed, ...kinds] = process.argv.slice(1);
const read = (f) => JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
const name = { c: "generated", r: "managed" };
const rows = [
  ["parseCompileEvaluate", "evaluate parse+Compile+Evaluate (JSON text)"],
  ["parseOneShotEvaluate", "evaluate parse+one-shot Evaluate (JSON text)"],
  ["oneShotEvaluate", "evaluate one-shot Evaluate (parsed documents)"],
  ["compileDecide", "evaluate Compile+Decide (parsed documents)"],
  ["evaluate", "evaluate Evaluate (compiled beforehand)"],
  ["evaluateInCache", "evaluate Evaluate, in cache"],
  ["explain", "evaluate Explain (reused Explanation)"],
  ["explainInCache", "evaluate Explain, in cache"],
  ["decide", "evaluate Decide (compiled beforehand)"],
  ["decideInCache", "evaluate Decide, in cache"],
];
// Per kind: nanoseconds per case of each row, the oracle as "oracle" and
// "prevalidated"; per case of the whole file, the sums weighted by count.
const figs = {}, counts = {};
let errors = 0, undecidable = 0, differ = 0;
for (const k of kinds) {
  const ours = read(`ours-${k}.json`), theirs = read(`theirs-${k}.json`);
  const per = (sec) => sec * 1e9 / theirs.cases;
  counts[k] = theirs.cases;
  figs[k] = { oracle: { ns: per(theirs.seconds), cpuNs: per(theirs.cpuSeconds) },
    prevalidated: { ns: per(theirs.prevalidatedSeconds), cpuNs: per(theirs.prevalidatedCpuSeconds) } };
  for (const [key] of rows) figs[k][key] = ours[key];
  errors += read(`oracle-${k}.json`).filter((d) => d.decision === "error").length;
  undecidable += ours.undecidableCases;
  differ += theirs.prevalidatedDiffer;
}
const total = kinds.reduce((a, k) => a + counts[k], 0);
figs.all = {};
for (const key of ["oracle", "prevalidated", ...rows.map((r) => r[0])]) {
  figs.all[key] = { ns: 0, cpuNs: 0 };
  for (const k of kinds) for (const m of ["ns", "cpuNs"]) figs.all[key][m] += figs[k][key][m] * counts[k] / total;
}
const x = (t, base) => `${(base.ns / t.ns).toFixed(0)}x/${(base.cpuNs / t.cpuNs).toFixed(0)}x`;
const fmt = (v) => v.toFixed(0).padStart(9);
console.log(`cases: ${total} (seed ${seed}; ${kinds.map((k) => `${counts[k]} ${k === "c" ? "generated" : "from AWS managed policies"}`).join(", ")}); ` +
  `${undecidable} not compilable by evaluate (left out of its rows), ${errors} the oracle refused (timed all the same)` +
  (differ ? `; NOT COMPARABLE: the pre-validated oracle decided ${differ} cases otherwise` : ""));
console.log("ns/case: wall-clock and CPU time (all threads); ratio: the oracle time over the row time, wall/CPU");
console.log(`${"".padEnd(48)} ${"ns/case".padStart(9)} ${"CPU ns".padStart(9)}  ${"ratio".padStart(11)} ${"vs pre-val.".padStart(11)}  ` +
  kinds.map((k) => `${name[k]}`.padStart(14)).join(" "));
const line = (label, key) => {
  const t = figs.all[key];
  const base = key === "oracle" || key === "prevalidated";
  console.log(`${label.padEnd(48)} ${fmt(t.ns)} ${fmt(t.cpuNs)}  ` +
    (base ? "".padStart(23) : `${x(t, figs.all.oracle).padStart(11)} ${x(t, figs.all.prevalidated).padStart(11)}`) + "  " +
    kinds.map((k) => (base ? `${fmt(figs[k][key].cpuNs)} CPU ns` : `${x(figs[k][key], figs[k].oracle)}`).padStart(14)).join(" "));
};
line("iam-simulate runSimulation (1x)", "oracle");
line("iam-simulate runSimulation, pre-validated", "prevalidated");
for (const [key, label] of rows) line(label, key);
const ours = read(`ours-${kinds[0]}.json`);
console.log(`in cache: blocks of ${ours.blockCases} cases, each decided ${ours.blockRepeats} times before the next`);
' "$work" "$seed" "${kinds[@]}"
