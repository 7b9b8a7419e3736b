package policy

import (
	"slices"
	"strings"

	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy/value"
)

// checkCondition checks the operators, keys and values of a statement's
// Condition (aws-rules A.7, A.8, B).
func (v *validator) checkCondition(i int, st *Statement) {
	deny := st.Effect == Deny
	var opsBuf [8]Operator
	ops := opsBuf[:0] // the operators read so far, for duplicates
	for _, b := range st.Condition {
		at := opPath(i, b.Operator)
		op, err := ParseOperator(b.Operator)
		if err != nil {
			v.add(SeverityError, CodeUnknownOperator, at.String(),
				quoteShort(b.Operator)+" is not a condition operator")
			continue
		}
		if !op.writtenAs(b.Operator) {
			v.add(SeverityWarning, CodeNoncanonicalOperator, at.String(),
				"write the operator as AWS documents it, "+quoteShort(op.String())+"; AWS does not document that operator names ignore case")
		}
		if slices.Contains(ops, op) {
			v.add(SeverityError, CodeDuplicateCondition, at.String(),
				"operator "+op.String()+" appears twice in the Condition; merge its keys into one block")
		} else {
			ops = append(ops, op)
		}
		if len(b.Entries) == 0 {
			v.add(SeverityError, CodeEmptyCondition, at.String(), "the operator tests no condition key")
		}
		keys := newKeyNames(len(b.Entries))
		for ei, e := range b.Entries {
			kAt := at.withKey(e.Key)
			if e.Key == "" {
				v.add(SeverityError, CodeEmptyCondition, kAt.String(), "the condition key name is empty")
			}
			if keys.seen(b.Entries, ei) {
				v.add(SeverityError, CodeDuplicateCondition, kAt.String(),
					"condition key "+quoteShort(e.Key)+" appears twice under "+op.String()+" (key names ignore case)")
			}
			if len(e.Values) == 0 {
				v.add(SeverityError, CodeEmptyCondition, kAt.String(), "the condition key has no value")
			}
			if op.Set == ForAllValues && v.kind == KeyPolicy && kmsRefusesForAllValues(e.Key) {
				v.add(SeverityError, CodeOverlyPermissiveCondition, kAt.String(),
					"AWS KMS refuses a key policy with ForAllValues on "+quoteShort(e.Key)+
						", a single-valued key: it would match requests without it or with unlisted ones; drop ForAllValues: (aws-rules E.3)")
			}
			for k, val := range e.Values {
				v.checkConditionValue(kAt.at(k), op, val, deny)
			}
		}
	}
}

// kmsRefusesForAllValues reports whether AWS KMS refuses ForAllValues on
// key in a key policy: kms:EncryptionContext:<key> and aws:RequestTag/<key>
// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#set-operators,
// aws-rules E.3). Prefixes compare without regard to case, as condition
// key names do (aws-rules A.7).
func kmsRefusesForAllValues(key string) bool {
	return ascii.HasPrefixFold(key, "kms:EncryptionContext:") || ascii.HasPrefixFold(key, "aws:RequestTag/")
}

// keyNames finds condition keys named twice under one operator. Key names
// compare as strings.ToLower spells them (aws-rules A.7). A block of a few
// keys is searched in place, without allocating; a large one (only a
// document built in Go can have thousands) through a map, so that the
// search stays linear.
type keyNames struct {
	lower map[string]bool // nil for a small block
}

// maxKeysInPlace is the largest block searched in place.
const maxKeysInPlace = 16

func newKeyNames(n int) keyNames {
	if n <= maxKeysInPlace {
		return keyNames{}
	}
	return keyNames{lower: make(map[string]bool, n)}
}

// seen reports whether entries[i]'s key is named by an entry before it;
// seen must be called for each i in order.
func (s keyNames) seen(entries []ConditionEntry, i int) bool {
	key := entries[i].Key
	if s.lower != nil {
		lower := strings.ToLower(key)
		dup := s.lower[lower]
		s.lower[lower] = true
		return dup
	}
	for _, e := range entries[:i] {
		if sameKeyName(e.Key, key) {
			return true
		}
	}
	return false
}

// sameKeyName reports whether strings.ToLower(a) == strings.ToLower(b)
// (keyNameSlow in the tests), without allocating when both are ASCII. It
// is not strings.EqualFold, which folds more non-ASCII letters together
// than lower-casing does ('ſ' and 's'): duplicates are what they always
// were.
func sameKeyName(a, b string) bool {
	if isASCII(a) && isASCII(b) {
		return ascii.EqualFold(a, b)
	}
	la, lb := strings.ToLower(a), strings.ToLower(b)
	return la == lb
}

// checkConditionValue checks that one value suits its operator: policy
// variables only where the operator takes them (aws-rules A.8), and a value the
// operator can read (aws-rules B.4–B.9).
func (v *validator) checkConditionValue(at condPath, op Operator, val Value, deny bool) {
	fam := op.Base.Family()
	if val.Kind == StringValue && hasVariable(val.Text) {
		if !v.doc.VariablesEnabled() {
			if v.warns() {
				v.literalVariable(at.String(), deny)
			}
		} else {
			switch fam {
			case FamilyString, FamilyARN:
				if msg := variableProblem(val.Text); msg != "" {
					v.add(SeverityError, CodeMalformedVariable, at.String(), quoteShort(val.Text)+": "+msg)
				}
			case FamilyBool:
				v.add(SeverityWarning, CodeVariableNotSupported, at.String(),
					"AWS documents disagree on whether Bool accepts policy variables; compare with a literal \"true\" or \"false\"")
			default:
				v.add(SeverityError, CodeVariableNotSupported, at.String(),
					op.Base.String()+" does not accept policy variables; only string and ARN operators do")
			}
			return
		}
	}
	if fam == FamilyString && val.Kind == StringValue {
		return // any text is a string value: ReadValue has nothing to refuse or warn of
	}
	t, err := ReadValue(fam, val)
	if err != nil {
		v.add(SeverityError, CodeInvalidConditionValue, at.String(),
			quoteShort(val.Text)+" is not a valid "+op.Base.String()+" value: "+err.Error()+" ("+familyRule(fam)+")")
		return
	}
	if t.Kind == value.DateKind && t.Date.Ambiguous() {
		v.add(SeverityWarning, CodeAmbiguousDate, at.String(),
			quoteShort(val.Text)+" is both epoch seconds ("+t.Date.At.String()+") and a calendar date ("+t.Date.Alt.String()+
				"), and AWS does not document which it reads; the evaluator lets the condition hold only where both readings agree. Write the instant in full, such as "+t.Date.Alt.String())
	}
}

// familyRule names the section of the project's AWS rules that defines the
// values of fam.
func familyRule(fam OperatorFamily) string {
	switch fam {
	case FamilyNumeric:
		return "aws-rules B.4"
	case FamilyDate:
		return "aws-rules B.5"
	case FamilyNull:
		return "aws-rules B.9"
	}
	return "aws-rules B.6"
}
