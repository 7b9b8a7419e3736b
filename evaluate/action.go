package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
)

// actionPattern is one Action or NotAction value, compiled. Action names
// compare ignoring case, with '*' and '?' wildcards (facts A.5, facts I).
type actionPattern struct {
	pat glob.Pattern
	// service is the lower-cased service prefix when it has no wildcard,
	// else empty (the pattern may match any service).
	service string
}

func compileAction(v string) actionPattern {
	ap := actionPattern{pat: glob.Compile(v, true)}
	if i := strings.IndexByte(v, ':'); i > 0 && !strings.ContainsAny(v[:i], "*?") {
		ap.service = strings.ToLower(v[:i])
	}
	return ap
}

// checkAction validates Request.Action and returns its lower-cased service
// prefix. A request names one concrete action: "service:Name".
func checkAction(a string) (string, error) {
	i := strings.IndexByte(a, ':')
	if a == "" {
		return "", requestError("Action", "is empty")
	}
	if i <= 0 || i == len(a)-1 {
		return "", requestError("Action", "must be \"service:ActionName\": "+quote(a))
	}
	for j := 0; j < len(a); j++ {
		c := a[j]
		switch {
		case j == i:
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-' && j < i, c == '_' && j > i:
		case c == '*' || c == '?':
			return "", requestError("Action", "must name one action, without wildcards: "+quote(a))
		default:
			return "", requestError("Action", "has a character not allowed in an action name: "+quote(a))
		}
	}
	return strings.ToLower(a[:i]), nil
}
