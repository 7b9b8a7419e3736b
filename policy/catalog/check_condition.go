package catalog

import (
	"fmt"
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// checkConditions reports condition keys that no action of the statement
// supports, and operators that do not fit their key. set is nil when the
// statement's actions are not known (NotAction, or only unknown names):
// then only the key's own properties are checked.
func (c *Catalog) checkConditions(out []policy.Finding, doc *policy.Document, i int, set *actionSet) []policy.Finding {
	st := &doc.Statement[i]
	for _, b := range st.Condition {
		op, err := policy.ParseOperator(b.Operator)
		if err != nil {
			continue // the grammar's finding, not the catalog's
		}
		for _, e := range b.Entries {
			path := fmt.Sprintf("Statement[%d].Condition.%s.%s", i, b.Operator, e.Key)
			key, f := c.conditionKey(e.Key, path, set)
			if f != nil {
				out = append(out, *f)
			}
			if key != nil {
				out = checkOperator(out, op, b.Operator, key, e.Key, path)
			}
			if op.Set == policy.ForAllValues && st.Effect == policy.Allow && !hasNullGuard(st.Condition, e.Key) {
				out = append(out, policy.Finding{
					Severity: policy.SeveritySecurityWarning, Code: CodeForAllValuesWithoutNullGuard, Path: path,
					Message: fmt.Sprintf(`%s is true when the request carries no %s at all, so this Allow also applies then; add "Null": {%q: "false"} to require a value`,
						b.Operator, e.Key, e.Key),
				})
			}
		}
	}
	return out
}

// conditionKey finds the key name is and, when set is known, checks that
// one of its actions supports it. Global keys are supported everywhere.
func (c *Catalog) conditionKey(name, path string, set *actionSet) (*ConditionKey, *policy.Finding) {
	if k := c.globals.lookup(name); k != nil {
		return k, nil
	}
	key, known := c.ConditionKey(name)
	if !known && len(name) >= 4 && ascii.EqualFold(name[:4], "aws:") {
		msg := fmt.Sprintf("%s is not a global condition key, so no request carries it", name)
		if sug, ok := closest(name, keyNames(c.globals.keys)); ok {
			msg += fmt.Sprintf("; did you mean %s?", sug)
		}
		return nil, &policy.Finding{Severity: policy.SeverityWarning, Code: CodeUnknownGlobalConditionKey, Path: path, Message: msg}
	}
	if !known {
		// Keys of identity providers (token.actions.githubusercontent.com:sub,
		// an EKS OIDC provider URL…) are not all in the Service
		// Authorization Reference; only a key under a service prefix is
		// known to be wrong.
		prefix, _, _ := strings.Cut(name, ":")
		s, ok := c.Service(prefix)
		if !ok {
			return nil, nil
		}
		msg := fmt.Sprintf("%s is not a condition key of %s, so no request carries it", name, s.Prefix)
		if sug, ok := closest(name, keyNames(s.ConditionKeys)); ok {
			msg += fmt.Sprintf("; did you mean %s?", sug)
		}
		return nil, &policy.Finding{Severity: policy.SeverityWarning, Code: CodeUnsupportedConditionKey, Path: path, Message: msg}
	}
	if set == nil || set.each(c, func(a *Action) bool { return a.SupportsConditionKey(name) }) {
		return key, nil
	}
	return key, &policy.Finding{Severity: policy.SeverityWarning, Code: CodeUnsupportedConditionKey, Path: path,
		Message: fmt.Sprintf("no action of the statement supports %s, so requests for them never carry it", name)}
}

// checkOperator reports an operator that does not fit the key's type or
// its number of values (aws-rules B.10).
func checkOperator(out []policy.Finding, op policy.Operator, written string, key *ConditionKey, name, path string) []policy.Finding {
	if op.Base == policy.Null {
		return out
	}
	if !key.Fits(op.Base) {
		out = append(out, policy.Finding{
			Severity: policy.SeverityWarning, Code: CodeOperatorTypeMismatch, Path: path,
			Message: fmt.Sprintf("%s compares %s values, but %s is of type %s", written, op.Base.Family(), name, key.Type),
		})
	}
	switch {
	case op.Set != policy.SingleValue && !key.MultiValued():
		out = append(out, policy.Finding{
			Severity: policy.SeverityWarning, Code: CodeSetOperatorOnSingleValuedKey, Path: path,
			Message: fmt.Sprintf("%s carries a single value; %s is meant for multivalued keys and is overly permissive here — drop the %s: prefix", name, op.Set, op.Set),
		})
	case op.Set == policy.SingleValue && key.MultiValued():
		out = append(out, policy.Finding{
			Severity: policy.SeverityWarning, Code: CodePlainOperatorOnMultivaluedKey, Path: path,
			Message: fmt.Sprintf("%s carries a set of values (%s); use ForAnyValue:%s or ForAllValues:%s to say how the set is compared", name, key.Type, written, written),
		})
	}
	return out
}

// hasNullGuard reports whether the condition also requires key to be
// present: "Null": {key: "false"}.
func hasNullGuard(cond policy.Condition, key string) bool {
	for _, b := range cond {
		op, err := policy.ParseOperator(b.Operator)
		if err != nil || op.Base != policy.Null {
			continue
		}
		for _, e := range b.Entries {
			if !ascii.EqualFold(e.Key, key) {
				continue
			}
			for _, v := range e.Values {
				if ascii.EqualFold(v.Text, "false") {
					return true
				}
			}
		}
	}
	return false
}

func keyNames(keys []*ConditionKey) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, k := range keys {
			if !yield(k.Name) {
				return
			}
		}
	}
}
