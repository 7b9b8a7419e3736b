package policy

import (
	"strings"

	"github.com/cksiam/cksiam/policy/value"
)

// checkCondition checks the operators, keys and values of a statement's
// Condition (aws-rules A.7, A.8, B).
func (v *validator) checkCondition(base string, st *Statement) {
	cPath := base + ".Condition"
	deny := st.Effect == Deny
	seenOps := make(map[Operator]bool, len(st.Condition))
	for _, b := range st.Condition {
		opPath := cPath + "." + b.Operator
		op, err := ParseOperator(b.Operator)
		if err != nil {
			v.add(SeverityError, CodeUnknownOperator, opPath,
				quoteShort(b.Operator)+" is not a condition operator")
			continue
		}
		if canon := op.String(); canon != b.Operator {
			v.add(SeverityWarning, CodeNoncanonicalOperator, opPath,
				"write the operator as AWS documents it, "+quoteShort(canon)+"; AWS does not document that operator names ignore case")
		}
		if seenOps[op] {
			v.add(SeverityError, CodeDuplicateCondition, opPath,
				"operator "+op.String()+" appears twice in the Condition; merge its keys into one block")
		}
		seenOps[op] = true
		if len(b.Entries) == 0 {
			v.add(SeverityError, CodeEmptyCondition, opPath, "the operator tests no condition key")
		}
		seenKeys := make(map[string]bool, len(b.Entries))
		for _, e := range b.Entries {
			kPath := opPath + "." + e.Key
			if e.Key == "" {
				v.add(SeverityError, CodeEmptyCondition, kPath, "the condition key name is empty")
			}
			lower := strings.ToLower(e.Key)
			if seenKeys[lower] {
				v.add(SeverityError, CodeDuplicateCondition, kPath,
					"condition key "+quoteShort(e.Key)+" appears twice under "+op.String()+" (key names ignore case)")
			}
			seenKeys[lower] = true
			if len(e.Values) == 0 {
				v.add(SeverityError, CodeEmptyCondition, kPath, "the condition key has no value")
			}
			for k, val := range e.Values {
				v.checkConditionValue(indexPath(kPath, k), op, val, deny)
			}
		}
	}
}

// checkConditionValue checks that one value suits its operator: policy
// variables only where the operator takes them (aws-rules A.8), and a value the
// operator can read (aws-rules B.4–B.9).
func (v *validator) checkConditionValue(path string, op Operator, val Value, deny bool) {
	fam := op.Base.Family()
	if val.Kind == StringValue && hasVariable(val.Text) {
		if !v.doc.VariablesEnabled() {
			v.literalVariable(path, deny)
		} else {
			switch fam {
			case FamilyString, FamilyARN:
				if msg := variableProblem(val.Text); msg != "" {
					v.add(SeverityError, CodeMalformedVariable, path, quoteShort(val.Text)+": "+msg)
				}
			case FamilyBool:
				v.add(SeverityWarning, CodeVariableNotSupported, path,
					"AWS documents disagree on whether Bool accepts policy variables; compare with a literal \"true\" or \"false\"")
			default:
				v.add(SeverityError, CodeVariableNotSupported, path,
					op.Base.String()+" does not accept policy variables; only string and ARN operators do")
			}
			return
		}
	}
	t, err := ReadValue(fam, val)
	if err != nil {
		v.add(SeverityError, CodeInvalidConditionValue, path,
			quoteShort(val.Text)+" is not a valid "+op.Base.String()+" value: "+err.Error()+" ("+familyRule(fam)+")")
		return
	}
	if t.Kind == value.DateKind && t.Date.Ambiguous() {
		v.add(SeverityWarning, CodeAmbiguousDate, path,
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
