package policy

import "github.com/cksiam/cksiam/internal/glob"

// checkActions checks Action and NotAction.
func (v *validator) checkActions(i int, st *Statement, allow bool) {
	aPath, naPath := elemPath{stmt: i, name: "Action"}, elemPath{stmt: i, name: "NotAction"}
	hasA, hasNA := st.Action.Present(), st.NotAction.Present()
	if hasA && hasNA {
		v.add(SeverityError, CodeConflictingElements, naPath.String(),
			"a statement may not have both Action and NotAction")
	}
	if !hasA && !hasNA {
		v.add(SeverityError, CodeMissingAction, statementPath(i), "the statement has neither Action nor NotAction")
	}
	if hasNA {
		if v.kind == RCP || v.kind == KeyPolicy {
			v.add(SeverityError, CodeNotActionNotSupported, naPath.String(),
				v.kind.withArticle()+" does not support NotAction; list the actions in Action")
		}
		if allow && v.warns() {
			v.add(SeveritySecurityWarning, CodeAllowWithNotAction, naPath.String(),
				"NotAction with Allow grants every action not listed, in every service; list the allowed actions instead")
		}
	}
	for j, a := range st.Action.Values {
		v.checkAction(aPath, j, a, st, allow)
	}
	for j, a := range st.NotAction.Values {
		if msg := actionProblem(a); msg != "" {
			v.add(SeverityError, CodeMalformedAction, naPath.at(j), msg)
		}
	}
}

// checkAction checks Action[j], a. Its path is built only for a finding.
func (v *validator) checkAction(aPath elemPath, j int, a string, st *Statement, allow bool) {
	path := func() string { return aPath.at(j) }
	if msg := actionProblem(a); msg != "" {
		v.add(SeverityError, CodeMalformedAction, path(), msg)
		return
	}
	if a == "*" {
		if v.kind == RCP {
			v.add(SeverityError, CodeRCPActionWildcard, path(),
				`an RCP cannot use the action "*"; name the service, e.g. "s3:*"`)
		}
		if allow && (v.kind == IdentityPolicy || v.kind == ResourcePolicy) && v.warns() {
			v.add(SeveritySecurityWarning, CodeAllowAllActions, path(),
				`"*" allows every action of every AWS service; list the actions needed`)
		}
	}
	if allow && v.kind == IdentityPolicy && v.warns() && isServiceWildcard(a) && len(st.Condition) == 0 && allResources(st) {
		v.add(SeveritySecurityWarning, CodeFullServiceAccess, path(),
			quoteShort(a)+` on "*" allows every action of the service on every resource; list the actions and resources needed`)
	}
	if v.kind == TrustPolicy && !matchesTrustAction(a) {
		v.add(SeverityError, CodeInvalidTrustAction, path(),
			quoteShort(a)+" is not an action a trust policy can allow (sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity, sts:SetContext)")
	}
}

// actionProblem returns why a is not an action or action pattern, or "".
// An action is "*" or "prefix:Name": the prefix made of ASCII letters,
// digits and hyphens, the name of letters, digits, hyphens and the
// wildcards '*' and '?' (aws-rules A.5; the project reads '?' as a wildcard,
// aws-rules I). Action names may hold a hyphen: the Service Authorization
// Reference lists vpc-lattice:AssociateViaAWSService-EventsAndStates, and
// the EventBridge user guide grants it in its example policies.
func actionProblem(a string) string {
	if actionOK(a) {
		return ""
	}
	return actionProblemSlow(a)
}

// actionProblemSlow is actionProblem for an action actionOK refuses: it
// finds what is wrong, in the order the messages above are listed.
func actionProblemSlow(a string) string {
	if a == "" {
		return "the action is empty"
	}
	if a == "*" {
		return ""
	}
	colon := -1
	for i := 0; i < len(a); i++ {
		if a[i] == ':' {
			colon = i
			break
		}
	}
	if colon < 0 {
		return quoteShort(a) + ` is not of the form "service:Action"`
	}
	prefix, name := a[:colon], a[colon+1:]
	if prefix == "" || name == "" {
		return quoteShort(a) + ` is not of the form "service:Action"`
	}
	for i := 0; i < len(prefix); i++ {
		c := prefix[i]
		switch {
		case isAlnum(c) || c == '-':
		case c == '*' || c == '?':
			return quoteShort(a) + ": the service prefix cannot contain a wildcard"
		default:
			return quoteShort(a) + ": the service prefix may contain only letters, digits and hyphens"
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isAlnum(c) && c != '-' && c != '*' && c != '?' {
			return quoteShort(a) + ": the action name may contain only letters, digits, hyphens and the wildcards * and ?"
		}
	}
	return ""
}

// actionOK reports whether a is "*" or "prefix:Name" as actionProblem
// describes, in one pass over a table of byte classes: the common case,
// where actionProblem has nothing to say.
func actionOK(a string) bool {
	if a == "*" {
		return true
	}
	i := 0
	for i < len(a) && actionBytes[a[i]]&actionPrefixByte != 0 {
		i++
	}
	if i == 0 || i+1 >= len(a) || a[i] != ':' {
		return false
	}
	for _, c := range []byte(a[i+1:]) {
		if actionBytes[c]&actionNameByte == 0 {
			return false
		}
	}
	return true
}

// The classes of actionBytes.
const (
	actionPrefixByte = 1 << iota // a letter, digit or hyphen
	actionNameByte               // those and the wildcards * and ?
)

var actionBytes = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case isAlnum(byte(c)) || c == '-':
			t[c] = actionPrefixByte | actionNameByte
		case c == '*' || c == '?':
			t[c] = actionNameByte
		}
	}
	return t
}()

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isServiceWildcard reports whether a is "service:*".
func isServiceWildcard(a string) bool {
	return len(a) > 2 && a[len(a)-2:] == ":*"
}

// allResources reports whether the statement's Resource includes "*".
func allResources(st *Statement) bool {
	for _, r := range st.Resource.Values {
		if r == "*" {
			return true
		}
	}
	return false
}

// matchesTrustAction reports whether pattern a matches at least one action
// a trust policy can allow. Action names compare ignoring case (aws-rules A.5).
func matchesTrustAction(a string) bool {
	for _, t := range trustActions {
		if glob.MatchFold(a, t) {
			return true
		}
	}
	return false
}
