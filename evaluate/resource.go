package evaluate

import (
	"github.com/cksiam/cksiam/internal/arn"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
)

// resourcePattern is one Resource or NotResource value, compiled. Matching
// is whole-string and case-sensitive; '*' crosses '/' and ':' (aws-rules A.6,
// aws-rules I).
type resourcePattern struct {
	tmpl   *template // policy variables in the resource part; read first
	pat    fastGlob
	prefix []byte // encoded ARN prefix before the resource part, when tmpl is set
}

// compileResource compiles v. With variables on, ${...} is substituted
// wherever it is. The IAM User Guide allows variables only in the resource
// part of an ARN (aws-rules A.6, which Validate reports), but AWS's own
// managed policies put them elsewhere (AmazonTimestreamInfluxDBServiceRolePolicy:
// "arn:*:kms:*:${aws:PrincipalAccount}:key/*"), so AWS evaluates them, and
// reading them as literal text would make a Deny that holds one fail open.
func compileResource(v string, vars bool) resourcePattern {
	rp := resourcePattern{pat: compileFastGlob(v)}
	if !vars || !strings.Contains(v, "${") {
		return rp
	}
	if parts, ok := arn.Parse(v); ok && !strings.Contains(v[:len(v)-len(parts[5])], "${") {
		if t := parseTemplate(parts[5]); t != nil {
			rp.tmpl = t
			rp.prefix = glob.Encode(nil, v[:len(v)-len(parts[5])])
		}
		return rp
	}
	if t := parseTemplate(v); t != nil {
		rp.tmpl = t
	}
	return rp
}

// match reports whether resource matches. An entry whose variable has no
// value matches nothing (aws-rules A.8).
func (rp *resourcePattern) match(s *state, resource string) bool {
	if rp.tmpl == nil {
		return rp.pat.match(resource)
	}
	var buf [256]byte
	enc, ok := rp.tmpl.encoded(s, append(buf[:0], rp.prefix...))
	return ok && glob.MatchEncoded(view(enc), resource, false)
}
