#!/usr/bin/env bash
# Instructions per benchmark operation, counted by valgrind's callgrind: a
# measure that other jobs on a shared machine do not disturb, unlike
# wall-clock time. Each benchmark runs twice, for N and 6N iterations; the
# difference of the two totals divided by 5N cancels the set-up.
#
#   bash bench/instructions.sh ./evaluate/ 'DecideSeed$|DecideSeedFloor$' [N]
#
# Prints one line per benchmark: its name and instructions per operation.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:?usage: instructions.sh PACKAGE BENCH-REGEXP [N]}
re=${2:?usage: instructions.sh PACKAGE BENCH-REGEXP [N]}
n=${3:-20000}
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is needed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/pkg.test" "$pkg"
# Benchmarks run in their package's folder, as go test runs them, so that
# those reading testdata/ find it.
dir=$(go list -f '{{.Dir}}' "$pkg")
names=$("$work/pkg.test" -test.list "^Benchmark($re)" | grep '^Benchmark' || true)
[ -n "$names" ] || { echo "instructions.sh: no benchmark of $pkg matches $re" >&2; exit 1; }
total() { # benchmark iterations
  # valgrind now and then stops a Go program at start-up with SIGILL on an
  # instruction it does not handle; such a run is retried.
  for try in 1 2 3 4 5; do
    if (cd "$dir" && GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off GOGC=off valgrind --tool=callgrind --callgrind-out-file="$work/cg" \
      "$work/pkg.test" -test.run '^$' -test.bench "^$1\$" -test.benchtime "${2}x" -test.cpu 1) >"$work/out" 2>&1 &&
      grep -q '^PASS' "$work/out"; then
      callgrind_annotate "$work/cg" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done {gsub(",", "", $1); print $1; done = 1}'
      return 0
    fi
  done
  echo "instructions.sh: $1 failed under valgrind:" >&2
  tail -20 "$work/out" >&2
  return 1
}
for b in $names; do
  small=$(total "$b" "$n")
  large=$(total "$b" $((6 * n)))
  echo "$b $(( (large - small) / (5 * n) ))"
done
