// Package arn is the one home of splitting Amazon Resource Names: the
// request's principal and resource, the policies' Resource and Principal
// values, ARN condition values and the catalog's resource formats are all
// split here, the same way.
//
// An ARN is six colon-separated parts,
// arn:partition:service:region:account-id:resource, and the resource part
// keeps any further colons. Cut splits any text at its first five colons;
// Parse also requires the "arn" prefix and non-empty partition, service
// and resource. Every request splits two ARNs, so the colons are found
// eight bytes at a time (ascii.ByteMask); cutSlow in slow_test.go is the
// plain reference FuzzSplit holds it to.
//
//	parts, ok := arn.Parse("arn:aws:kms:us-east-1:111122223333:key/1234")
//	// parts[2] == "kms", parts[5] == "key/1234"
package arn
