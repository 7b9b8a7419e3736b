package policy

import "unicode/utf8"

// ValidSid reports whether sid is an acceptable statement ID in a document
// of kind. IAM (identity policies, permissions boundaries, session and trust
// policies) and Organizations (SCPs, RCPs) accept only ASCII letters and
// digits (aws-rules A.3; the IAM Sid page). KMS key policies accept "an
// arbitrary string", spaces included (aws-rules A.3), and other resource
// policies follow their service's rules, so for those two kinds any
// printable character of the policy character set (U+0020–U+00FF,
// aws-rules A.1) is accepted. The empty Sid means "no Sid" and is valid.
func ValidSid(kind Kind, sid string) bool {
	free := kind == KeyPolicy || kind == ResourcePolicy
	allowed := uint8(sidAlnum)
	if free {
		allowed |= sidPrintable
	}
	// ASCII through a table of byte classes; from the first other byte on,
	// character by character.
	for i := 0; i < len(sid); i++ {
		c := sid[i]
		if c >= utf8.RuneSelf {
			return validSidRunes(free, sid[i:])
		}
		if sidBytes[c]&allowed == 0 {
			return false
		}
	}
	return true
}

// The classes of sidBytes.
const (
	sidAlnum     = 1 << iota // an ASCII letter or digit
	sidPrintable             // printable ASCII, U+0020–U+007E
)

var sidBytes = func() (t [utf8.RuneSelf]uint8) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = sidPrintable
		if isAlnum(byte(c)) {
			t[c] |= sidAlnum
		}
	}
	return t
}()

// validSidRunes is ValidSid character by character (validSidSlow in the
// tests, on the whole Sid).
func validSidRunes(free bool, sid string) bool {
	for _, r := range sid {
		switch {
		case 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		case free && r >= 0x20 && r <= 0xFF && r != 0x7F && (r < 0x80 || r > 0x9F):
		default:
			return false
		}
	}
	return true
}

// checkSids reports invalid and duplicate Sids. IAM requires each Sid to be
// unique within a policy (aws-rules A.3); for key and resource policies, where
// the rule is the service's, a duplicate is a warning.
func (v *validator) checkSids() {
	var first map[string]int // beyond maxSidsInPlace statements
	if len(v.doc.Statement) > maxSidsInPlace {
		first = make(map[string]int)
	}
	for i, st := range v.doc.Statement {
		if st.Sid == "" {
			continue
		}
		path := elemPath{stmt: i, name: "Sid"}
		if !ValidSid(v.kind, st.Sid) {
			allowed := "only ASCII letters and digits"
			if v.kind == KeyPolicy || v.kind == ResourcePolicy {
				allowed = "only printable characters"
			}
			v.add(SeverityError, CodeInvalidSid, path.String(),
				"Sid "+quoteShort(st.Sid)+" is not valid: "+v.kind.withArticle()+" allows "+allowed+" in a Sid")
		}
		if j, dup := v.firstSid(first, i); dup {
			sev := SeverityError
			if v.kind == KeyPolicy || v.kind == ResourcePolicy {
				sev = SeverityWarning
			}
			v.add(sev, CodeDuplicateSid, path.String(),
				"Sid "+quoteShort(st.Sid)+" is already used by "+statementPath(j)+"; each Sid must be unique")
		}
	}
}

// maxSidsInPlace is the largest statement count whose Sids checkSids
// compares in place, without a map.
const maxSidsInPlace = 16

// firstSid returns the first statement before i with statement i's Sid.
// first is nil for a document of at most maxSidsInPlace statements;
// otherwise it maps each Sid seen to its first statement, and firstSid
// records statement i's.
func (v *validator) firstSid(first map[string]int, i int) (int, bool) {
	sid := v.doc.Statement[i].Sid
	if first == nil {
		for j, st := range v.doc.Statement[:i] {
			if st.Sid == sid {
				return j, true
			}
		}
		return 0, false
	}
	if j, dup := first[sid]; dup {
		return j, true
	}
	first[sid] = i
	return 0, false
}
