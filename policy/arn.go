package policy

import (
	"errors"
	"github.com/cksiam/cksiam/internal/arn"

	"github.com/cksiam/cksiam/internal/account"
)

// ARN is an Amazon Resource Name split into its six colon-separated parts:
// arn:partition:service:region:account-id:resource. The resource part keeps
// any further colons ("key/1234", "role/path/name", "function:f:1").
type ARN struct {
	Partition string // "aws", "aws-cn", "aws-us-gov", …
	Service   string // "kms", "iam", "s3", …
	Region    string // empty for global resources
	Account   string // the 12-digit account ID; empty where the service omits it
	Resource  string // everything after the fifth colon
}

// ErrMalformedARN is returned by ParseARN for text that is not an ARN.
var ErrMalformedARN = errors.New("malformed ARN")

// ParseARN splits s into its ARN parts. It requires the "arn:" prefix, six
// parts, and non-empty partition, service and resource parts; region and
// account may be empty (IAM and S3 ARNs leave them out). Wildcards are
// accepted as ordinary characters, so ParseARN also splits ARN patterns.
func ParseARN(s string) (ARN, error) {
	p, ok := arn.Parse(s)
	if !ok {
		return ARN{}, ErrMalformedARN
	}
	return ARN{Partition: p[arn.Partition], Service: p[arn.Service], Region: p[arn.Region], Account: p[arn.Account], Resource: p[arn.Resource]}, nil
}

// String joins the parts back into an ARN.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// IsAccountID reports whether s is a 12-digit AWS account ID.
func IsAccountID(s string) bool {
	_, ok := account.Key(s)
	return ok
}
