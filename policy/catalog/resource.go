package catalog

import (
	"strings"
	"sync"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// ResourceType is a kind of resource a service defines, such as KMS's "key"
// with ARN format "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}".
type ResourceType struct {
	// Service is the service that defines the type.
	Service *Service
	// Name is the type's name as AWS spells it, e.g. "key".
	Name string
	// ARN is the ARN format, with ${…} where a name goes.
	ARN string
	// ConditionKeys are the keys that describe resources of this type
	// (the Service Authorization Reference's resource-type table); they
	// apply to every action that takes the type.
	ConditionKeys []*ConditionKey

	once  sync.Once
	parts [numParts]segment // partition, service, region, account, resource
	ok    bool              // the ARN format splits into its parts
}

// The five parts of an ARN after "arn:".
const (
	partPartition = iota
	partService
	partRegion
	partAccount
	partResource
	numParts
)

// segment is one part of an ARN format compiled for matching.
type segment struct {
	enc     string       // glob encoding: each ${…} is Quest Star, '*' is Star
	pattern glob.Pattern // enc compiled, case-sensitive
	literal bool         // no variable and no wildcard
	prefix  string       // the literal text before the first wildcard
	suffix  string       // the literal text after the last wildcard
}

func (t *ResourceType) compile() {
	t.once.Do(func() {
		a, err := policy.ParseARN(t.ARN)
		if err != nil {
			return
		}
		for i, p := range splitARN(a) {
			enc, _, wild := encodeTemplate(nil, p, false)
			t.parts[i] = newSegment(enc, p, !wild)
		}
		t.ok = true
	})
}

func newSegment(enc []byte, raw string, literal bool) segment {
	s := segment{enc: string(enc), literal: literal}
	s.pattern = glob.FromEncoded(enc, raw, false)
	first := strings.IndexAny(s.enc, "\x01\x02")
	if first < 0 {
		s.prefix, s.suffix = s.enc, s.enc
		return s
	}
	last := strings.LastIndexAny(s.enc, "\x01\x02")
	s.prefix, s.suffix = s.enc[:first], s.enc[last+1:]
	return s
}

func splitARN(a policy.ARN) [numParts]string {
	return [numParts]string{a.Partition, a.Service, a.Region, a.Account, a.Resource}
}

// Matches reports whether arn, a concrete ARN, has this type's format. The
// ARN is split into its six colon-separated parts first, so a variable in
// the partition, service, region or account position never crosses a ':'.
// Each ${…} matches one or more characters; in the resource part it may
// hold '/' and ':', because names such as S3 object keys, IAM paths, log
// group names and qualified Lambda function names do. The match is
// case-sensitive (facts I).
//
// Formats alone cannot tell every pair of types apart: an S3 bucket's
// "${BucketName}" also matches "bucket/key", so Service.ResourceTypesOf
// reports both bucket and object for an object ARN.
func (t *ResourceType) Matches(arn string) bool {
	t.compile()
	if !t.ok {
		return false
	}
	a, err := policy.ParseARN(arn)
	if err != nil {
		return false
	}
	parts := splitARN(a)
	for i := range parts {
		if !t.parts[i].pattern.Match(parts[i]) {
			return false
		}
	}
	return true
}

// Overlaps reports whether the policy Resource pattern (with '*' and '?'
// wildcards, as in "arn:aws:kms:*:111122223333:key/*") may match an ARN of
// this type. It errs towards true: false means no ARN of this type can
// match the pattern, true means one probably can. "*" overlaps every type.
func (t *ResourceType) Overlaps(pattern string) bool {
	p := compileResourcePattern(pattern)
	return t.overlaps(&p)
}

// resourcePattern is a policy Resource value prepared for Overlaps.
type resourcePattern struct {
	whole   segment // the whole pattern
	aligned bool    // parts holds the pattern split at its colons
	parts   [numParts]segment
}

func compileResourcePattern(pattern string) resourcePattern {
	whole := glob.Encode(nil, pattern)
	p := resourcePattern{whole: newSegment(whole, pattern, !hasWildcard(pattern))}
	a, err := policy.ParseARN(pattern)
	if err != nil {
		return p
	}
	parts := splitARN(a)
	// A '*' before the resource part may stand for several colon-separated
	// parts (facts A.6), so only a pattern whose first four parts hold no
	// '*' can be compared part by part.
	for i := partPartition; i < partResource; i++ {
		if strings.IndexByte(parts[i], '*') >= 0 {
			return p
		}
	}
	p.aligned = true
	for i, s := range parts {
		p.parts[i] = newSegment(glob.Encode(nil, s), s, !hasWildcard(s))
	}
	return p
}

func (t *ResourceType) overlaps(p *resourcePattern) bool {
	t.compile()
	if !t.ok {
		return false
	}
	if !p.aligned {
		if p.whole.literal {
			return t.Matches(p.whole.enc)
		}
		// Compare the ends of the whole pattern with the ends of the
		// whole format.
		enc, _, _ := encodeTemplate(nil, t.ARN, false)
		return segmentsOverlap(p.whole, newSegment(enc, t.ARN, false))
	}
	for i := range p.parts {
		if !segmentsOverlap(p.parts[i], t.parts[i]) {
			return false
		}
	}
	return true
}

// segmentsOverlap reports whether some text may match both segments. When
// one of them is literal the answer is exact (the other's pattern is
// matched against it); when both have wildcards it compares only the
// literal text before the first and after the last wildcard, which can
// answer true for segments whose middles conflict.
func segmentsOverlap(a, b segment) bool {
	switch {
	case a.literal && b.literal:
		return a.enc == b.enc
	case a.literal:
		return b.pattern.Match(a.enc)
	case b.literal:
		return a.pattern.Match(b.enc)
	}
	return (strings.HasPrefix(a.prefix, b.prefix) || strings.HasPrefix(b.prefix, a.prefix)) &&
		(strings.HasSuffix(a.suffix, b.suffix) || strings.HasSuffix(b.suffix, a.suffix))
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// String returns the type as "service:name", e.g. "kms:key".
func (t *ResourceType) String() string { return t.Service.Prefix + ":" + t.Name }
