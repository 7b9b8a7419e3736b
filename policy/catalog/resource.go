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
	toks  []token           // the whole format, for Overlaps
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
	toks    []token      // for the overlap test
}

func (t *ResourceType) compile() {
	t.once.Do(func() {
		a, err := policy.ParseARN(t.ARN)
		if err != nil {
			return
		}
		for i, p := range splitARN(a) {
			enc, _, wild := encodeTemplate(nil, p, false)
			t.parts[i] = segment{enc: string(enc), pattern: glob.FromEncoded(enc, p, false), literal: !wild,
				toks: formatTokens(p, false)}
		}
		t.toks = formatTokens(t.ARN, true)
		t.ok = true
	})
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
// case-sensitive (aws-rules I).
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
// wildcards, as in "arn:aws:kms:*:111122223333:key/*") matches at least one
// ARN of this type; "*" overlaps every type. A pattern with all six ARN
// parts is compared part by part, so a '*' in its region stays in the
// region; in its resource part a '*' may cross '/' and ':'. A pattern with
// fewer parts ("arn:aws:kms:*") is compared as a whole string, its '*'
// crossing ':' as AWS allows (aws-rules A.6). The format reads as in Matches.
// A pattern longer than 2,048 characters, the longest ARN the IAM API
// takes (aws-rules H.1), is not analysed and overlaps every type.
func (t *ResourceType) Overlaps(pattern string) bool {
	p := compileResourcePattern(pattern)
	return t.overlaps(&p)
}

// resourcePattern is a policy Resource value prepared for Overlaps.
type resourcePattern struct {
	toks    []token           // the whole pattern
	aligned bool              // the pattern has all six ARN parts
	parts   [numParts][]token // the pattern's parts when aligned
	literal [numParts]bool    // which parts hold no wildcard
	text    [numParts]string  // the parts' text
}

func compileResourcePattern(pattern string) resourcePattern {
	p := resourcePattern{toks: patternTokens(pattern)}
	a, err := policy.ParseARN(pattern)
	if err != nil {
		return p
	}
	p.aligned = true
	for i, s := range splitARN(a) {
		p.parts[i] = patternTokens(s)
		p.literal[i] = !hasWildcard(s)
		p.text[i] = s
	}
	return p
}

func patternTokens(s string) []token {
	toks := make([]token, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '*':
			toks = append(toks, tokStar)
		case '?':
			toks = append(toks, tokQuest)
		default:
			toks = append(toks, token(c))
		}
	}
	return toks
}

// token is one element of a pattern for the overlap test: a byte, or one of
// the wildcards below.
type token uint16

const (
	tokStar       token = 256 + iota // any run of characters
	tokQuest                         // any one character
	tokNoColonRun                    // any run of characters other than ':'
	tokNoColon                       // any one character other than ':'
)

// formatTokens turns an ARN format, or one part of it, into tokens: a ${…}
// is one or more characters and a literal '*' any run. With whole, the
// text is a whole format, and variables and '*' before its resource part
// take no ':'.
func formatTokens(format string, whole bool) []token {
	toks := make([]token, 0, len(format))
	colons := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		noColon := whole && colons < 5
		switch {
		case c == '$' && i+1 < len(format) && format[i+1] == '{':
			if j := strings.IndexByte(format[i:], '}'); j > 0 {
				if noColon {
					toks = append(toks, tokNoColon, tokNoColonRun)
				} else {
					toks = append(toks, tokQuest, tokStar)
				}
				i += j
				continue
			}
		case c == '*':
			if noColon {
				toks = append(toks, tokNoColonRun)
			} else {
				toks = append(toks, tokStar)
			}
			continue
		case c == ':':
			colons++
		}
		toks = append(toks, token(c))
	}
	return toks
}

// maxPatternLen bounds the work of the overlap test.
const maxPatternLen = 2048

func (t *ResourceType) overlaps(p *resourcePattern) bool {
	t.compile()
	if !t.ok {
		return false
	}
	if len(p.toks) > maxPatternLen {
		return true
	}
	if !p.aligned {
		return tokensOverlap(p.toks, t.toks)
	}
	for i := range p.parts {
		tp := &t.parts[i]
		switch {
		case p.literal[i]:
			if !tp.pattern.Match(p.text[i]) {
				return false
			}
		case tp.literal:
			if !glob.Compile(p.text[i], false).Match(tp.enc) {
				return false
			}
		case !tokensOverlap(p.parts[i], tp.toks):
			return false
		}
	}
	return true
}

// tokensOverlap reports whether some string matches both token patterns.
// It walks the product of the two patterns: state (i, j) means a common
// prefix can take a to i and b to j. Every move goes to row i or i+1, so
// two rows of len(b)+1 states suffice: memory stays small however long the
// policy's pattern a is. This decides whether two patterns intersect,
// which no string matcher answers; matching one string against a pattern
// stays internal/glob's.
func tokensOverlap(a, b []token) bool {
	cur := make([]bool, len(b)+1)
	next := make([]bool, len(b)+1)
	cur[0] = true
	for i := 0; i <= len(a); i++ {
		clear(next)
		var x token
		if i < len(a) {
			x = a[i]
		}
		xRun := x == tokStar || x == tokNoColonRun
		for j := 0; j <= len(b); j++ {
			if !cur[j] {
				continue
			}
			if i == len(a) && j == len(b) {
				return true
			}
			var y token
			if j < len(b) {
				y = b[j]
			}
			yRun := y == tokStar || y == tokNoColonRun
			// A run may end here.
			if xRun {
				next[j] = true
			}
			if yRun {
				cur[j+1] = true
			}
			switch {
			case i == len(a) || j == len(b):
			case xRun && !yRun:
				// a's run takes the character b's element stands for.
				if charsMeet(runChar(x), y) {
					cur[j+1] = true
				}
			case yRun && !xRun:
				if charsMeet(x, runChar(y)) {
					next[j] = true
				}
			case !xRun && !yRun:
				if charsMeet(x, y) {
					next[j+1] = true
				}
			}
		}
		cur, next = next, cur
	}
	return false
}

// runChar is the one-character element a run is made of.
func runChar(t token) token {
	if t == tokNoColonRun {
		return tokNoColon
	}
	return tokQuest
}

// charsMeet reports whether one character matches both single-character
// elements.
func charsMeet(x, y token) bool {
	switch {
	case x == tokQuest || y == tokQuest:
		return true
	case x == tokNoColon && y == tokNoColon:
		return true
	case x == tokNoColon:
		return y != ':'
	case y == tokNoColon:
		return x != ':'
	}
	return x == y
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// String returns the type as "service:name", e.g. "kms:key".
func (t *ResourceType) String() string { return t.Service.Prefix + ":" + t.Name }

// ResourceTypesOf returns the resource types, of every service, whose ARN
// format arn, a concrete ARN, matches (see ResourceType.Matches), in
// service order.
func (c *Catalog) ResourceTypesOf(arn string) []*ResourceType {
	c = c.orEmpty()
	a, err := policy.ParseARN(arn)
	if err != nil {
		return nil
	}
	var out []*ResourceType
	for _, s := range c.services {
		for _, t := range s.ResourceTypes {
			t.compile()
			if sp := &t.parts[partService]; t.ok && sp.literal && sp.enc != a.Service {
				continue
			}
			if t.Matches(arn) {
				out = append(out, t)
			}
		}
	}
	return out
}
