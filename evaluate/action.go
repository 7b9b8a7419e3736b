package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
)

// actionPattern is one Action or NotAction value, compiled. Action names
// compare ignoring case, with '*' and '?' wildcards (aws-rules A.5, aws-rules I).
type actionPattern struct {
	// service is the lower-cased service prefix when it has no wildcard;
	// name then matches the part after the colon. Otherwise service is
	// empty and full matches the whole action (the wildcard may span the
	// colon).
	//
	// name and full are pointers, set for the few patterns that need
	// them: a policy may name hundreds of actions, and a pattern is a
	// third of the size with them so.
	raw     string
	service string
	name    *glob.Pattern
	full    *glob.Pattern
	// prefix is the literal start of the name pattern, before its first
	// wildcard, lower-cased: a cheap filter before the glob, compared
	// ignoring ASCII case.
	prefix string
	// key is service + ":" + prefix (service and prefix are its parts):
	// the action index's key for the pattern, and for a literal pattern
	// the action's name.
	key   string
	shape uint8 // shapeAny, shapeLiteral, shapePrefix or shapeGeneral, of the name
}

// compileAction compiles v, with its key lower-cased through lt.
func compileAction(v string, lt *lowerText) actionPattern {
	i := strings.IndexByte(v, ':')
	if i <= 0 || hasWildcard(v[:i]) {
		return actionPattern{raw: v, full: newGlob(v, true)}
	}
	name := v[i+1:]
	w := indexWildcard(name)
	if w < 0 {
		w = len(name)
	}
	// One lower-cased string holds the service, the colon and the prefix.
	key := lt.lower(v[:i+1+w])
	ap := actionPattern{raw: v, service: key[:i], prefix: key[i+1:], key: key}
	switch {
	case name == "*":
		ap.shape = shapeAny
	case w == len(name):
		ap.shape = shapeLiteral
	case w == len(name)-1 && name[w] == '*':
		ap.shape = shapePrefix
	default:
		// Only the general shape needs the glob.
		ap.name = newGlob(name, true)
	}
	return ap
}

// matchName reports whether the action name (the part after the colon,
// in any case) matches a pattern with a literal service.
func (ap *actionPattern) matchName(name string) bool {
	switch ap.shape {
	case shapeAny:
		return true
	case shapeLiteral:
		return ascii.EqualFold(name, ap.prefix)
	case shapePrefix:
		return ascii.HasPrefixFold(name, ap.prefix)
	}
	return ascii.HasPrefixFold(name, ap.prefix) && ap.name.Match(name)
}

// firstByte is the lower-cased first byte of the name pattern, or 0 when
// the pattern starts with a wildcard.
func (ap *actionPattern) firstByte() byte {
	if ap.prefix == "" {
		return 0
	}
	return ascii.Lower(ap.prefix[0])
}

// newGlob is glob.Compile on the heap.
func newGlob(pattern string, fold bool) *glob.Pattern {
	g := glob.Compile(pattern, fold)
	return &g
}

// indexWildcard returns the index of the first '*' or '?' of s, or -1:
// strings.IndexAny, in two byte searches (IndexAny builds a set per call,
// which costs more than a whole ARN's scan).
func indexWildcard(s string) int {
	w := strings.IndexByte(s, '*')
	end := s
	if w >= 0 {
		end = s[:w]
	}
	if q := strings.IndexByte(end, '?'); q >= 0 {
		return q
	}
	return w
}

// hasWildcard reports whether s holds '*' or '?'.
func hasWildcard(s string) bool {
	return strings.IndexByte(s, '*') >= 0 || strings.IndexByte(s, '?') >= 0
}

// checkAction validates Request.Action and returns its lower-cased service
// prefix. A request names one concrete action: "service:Name".
func checkAction(a string) (string, error) {
	if a == "" {
		return "", requestError("Action", "is empty")
	}
	// Fast path: one table lookup per byte, finding the colon on the way;
	// the byte switch below runs only to name what is wrong.
	svc, name := byte(charService|charUpper), byte(charName)
	var upper byte
	i := 0
	for ; i < len(a) && a[i] != ':'; i++ {
		c := actionChars[a[i]]
		svc &= c
		upper |= c
	}
	if i == 0 || i >= len(a)-1 {
		return "", requestError("Action", "must be \"service:ActionName\": "+quote(a))
	}
	for j := i + 1; j < len(a); j++ {
		name &= actionChars[a[j]]
	}
	if svc&charService != 0 && name != 0 {
		if upper&charUpper != 0 {
			return ascii.ToLower(a[:i]), nil
		}
		return a[:i], nil
	}
	for j := 0; j < len(a); j++ {
		c := a[j]
		switch {
		case j == i:
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_' && j > i:
			// Hyphens occur in service prefixes (vpc-lattice) and in at least
			// one action name (vpc-lattice:AssociateViaAWSService-EventsAndStates).
		case c == '*' || c == '?':
			return "", requestError("Action", "must name one action, without wildcards: "+quote(a))
		default:
			return "", requestError("Action", "has a character not allowed in an action name: "+quote(a))
		}
	}
	return "", requestError("Action", "has a character not allowed in an action name: "+quote(a))
}

// Classes of action-name bytes for checkAction.
const (
	charService = 1 << iota // allowed in the service prefix: letters, digits, '-'
	charName                // allowed in the action name: letters, digits, '-', '_'
	charUpper               // an upper-case ASCII letter
)

var actionChars = func() (t [256]byte) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = charService | charName
		case 'A' <= c && c <= 'Z':
			t[c] = charService | charName | charUpper
		case c == '-':
			t[c] = charService | charName // vpc-lattice:AssociateViaAWSService-EventsAndStates
		case c == '_':
			t[c] = charName
		}
	}
	return t
}()

// fastGlob is a case-sensitive glob with shortcuts for the common shapes
// of resource patterns: "*", a literal, and a literal prefix followed by a
// single '*' (arn:aws:kms:us-east-1:111122223333:key/*). Everything else
// goes to the glob after a literal-prefix check.
type fastGlob struct {
	shape  uint8
	prefix string       // literal text before the first wildcard
	pat    glob.Pattern // the general shape only; read last
}

const (
	shapeGeneral uint8 = iota
	shapeAny
	shapeLiteral
	shapePrefix
)

func compileFastGlob(pattern string) fastGlob {
	var g fastGlob
	w := indexWildcard(pattern)
	switch {
	case pattern == "*":
		g.shape = shapeAny
	case w < 0:
		g.shape, g.prefix = shapeLiteral, pattern
	case w == len(pattern)-1 && pattern[w] == '*':
		g.shape, g.prefix = shapePrefix, pattern[:w]
	default:
		g.pat, g.prefix = glob.Compile(pattern, false), pattern[:w]
	}
	return g
}

func (g *fastGlob) match(s string) bool {
	switch g.shape {
	case shapeAny:
		return true
	case shapeLiteral:
		return s == g.prefix
	case shapePrefix:
		return strings.HasPrefix(s, g.prefix)
	}
	return strings.HasPrefix(s, g.prefix) && g.pat.Match(s)
}
