package prove

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
)

// CheckActionPattern refuses an action pattern of a question that no
// request can match: "*", or "service:action" with a non-empty service
// prefix of lower-case letters, digits and '-' (read without case, as the
// evaluator reads actions) and a non-empty action part that may hold '*'
// and '?'. An action the catalog does not list is not refused: actions are
// open-world, and a well-formed name may be newer than the catalog.
func CheckActionPattern(a string) error {
	if a == "*" {
		return nil
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok || svc == "" || name == "" || !ascii.IsLowerName(ascii.ToLower(svc)) {
		return errors.New(`want "*" or service:action (the action part may hold * and ?), so that some request can match it`)
	}
	return nil
}

// CheckResourcePattern refuses a resource pattern of a question that no
// request ARN the evaluator accepts can match: "*", or "arn:" followed by
// parts that, up to the first one holding a wildcard (a '*' may stand for
// several parts), are written as AWS writes them — a known partition, a
// lower-case service, a lower-case Region or none, an account of 12
// digits, "aws" or none, and for KMS and IAM a lower-case resource type
// (aws-rules A.3). A question about such a pattern would be answered
// Proved for want of any request, which says nothing.
func CheckResourcePattern(r string) error {
	if r == "*" {
		return nil
	}
	// A pattern may be short ("arn:aws:kms:*"), so it is split at the colons
	// it has; arn.Cut splits it when it has all five.
	parts := strings.SplitN(r, ":", arn.Resource+1)
	if full, ok := arn.Cut(r); ok {
		parts = full[:]
	}
	if parts[0] != "arn" {
		return errors.New(`want "*" or an ARN pattern (arn:partition:service:region:account:resource)`)
	}
	if len(parts) < arn.Resource+1 && !strings.Contains(r, "*") {
		return errors.New("is not a complete ARN (arn:partition:service:region:account:resource)")
	}
	for i, c := range arnPartChecks {
		if i+1 >= len(parts) || strings.ContainsAny(parts[i+1], "*?") {
			return nil // a '*' may stand for the parts after it
		}
		if !c.ok(parts[i+1]) {
			return fmt.Errorf("has %s %q, which no request ARN has (ARNs write it %s), so the answer would hold for no request", c.name, parts[i+1], c.writing)
		}
	}
	if svc := parts[arn.Service]; svc == "kms" || svc == "iam" {
		typ, _, _ := strings.Cut(parts[arn.Resource], "/")
		if !strings.ContainsAny(typ, "*?") && typ != ascii.ToLower(typ) {
			return fmt.Errorf("has %s resource type %q, which no request ARN has (ARNs write it in lower case), so the answer would hold for no request", svc, typ)
		}
	}
	return nil
}

// arnPartChecks are the ARN parts before the resource, in order, as
// request ARNs write them.
var arnPartChecks = []struct {
	name, writing string
	ok            func(string) bool
}{
	{"partition", "aws, aws-cn, aws-us-gov…", arn.KnownPartition},
	{"service", "in lower case, such as kms", ascii.IsLowerName},
	{"Region", "in lower case, such as us-west-2, or leaves it empty", func(s string) bool { return s == "" || ascii.IsLowerName(s) }},
	{"account", "as 12 digits, aws, or leaves it empty", func(s string) bool { return s == "" || s == "aws" || policy.IsAccountID(s) }},
}
