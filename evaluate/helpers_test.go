package evaluate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// doc parses a policy written as JSON with policy.Parse.
func doc(t testing.TB, text string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(text))
	if err != nil {
		if len(text) > 500 {
			text = text[:500] + "…"
		}
		t.Fatalf("bad test policy: %v\n%s", err, text)
	}
	return d
}

// looseDoc builds a Document from JSON without policy.Parse's checks, the
// way a caller filling the Go types by hand can: it lets the tests hand the
// engine documents Parse would refuse, which Compile must refuse too.
func looseDoc(t testing.TB, text string) *policy.Document {
	t.Helper()
	d, err := readLoose(text)
	if err != nil {
		t.Fatalf("bad test policy: %v\n%s", err, text)
	}
	return d
}

func readLoose(text string) (*policy.Document, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	d := &policy.Document{}
	d.Version, _ = raw["Version"].(string)
	d.ID, _ = raw["Id"].(string)
	var stmts []any
	switch v := raw["Statement"].(type) {
	case []any:
		stmts = v
	case map[string]any:
		stmts = []any{v}
	default:
		return nil, fmt.Errorf("no Statement")
	}
	for _, s := range stmts {
		m, ok := s.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("statement is not an object")
		}
		var st policy.Statement
		st.Sid, _ = m["Sid"].(string)
		e, _ := m["Effect"].(string)
		st.Effect = policy.Effect(e)
		st.Action = strs(m["Action"])
		st.NotAction = strs(m["NotAction"])
		st.Resource = strs(m["Resource"])
		st.NotResource = strs(m["NotResource"])
		st.Principal = principal(m["Principal"])
		st.NotPrincipal = principal(m["NotPrincipal"])
		if c, ok := m["Condition"].(map[string]any); ok {
			ops := make([]string, 0, len(c))
			for op := range c {
				ops = append(ops, op)
			}
			sort.Strings(ops)
			for _, op := range ops {
				b := policy.ConditionBlock{Operator: op}
				keys, _ := c[op].(map[string]any)
				names := make([]string, 0, len(keys))
				for k := range keys {
					names = append(names, k)
				}
				sort.Strings(names)
				for _, k := range names {
					ent := policy.ConditionEntry{Key: k}
					vals := keys[k]
					list, isList := vals.([]any)
					if !isList {
						list = []any{vals}
					}
					ent.Array = isList
					for _, v := range list {
						switch x := v.(type) {
						case string:
							ent.Values = append(ent.Values, policy.Value{Text: x})
						case json.Number:
							ent.Values = append(ent.Values, policy.Value{Text: x.String(), Kind: policy.NumberValue})
						case bool:
							ent.Values = append(ent.Values, policy.Value{Text: fmt.Sprint(x), Kind: policy.BoolValue})
						default:
							return nil, fmt.Errorf("condition value %v", v)
						}
					}
					b.Entries = append(b.Entries, ent)
				}
				st.Condition = append(st.Condition, b)
			}
		}
		d.Statement = append(d.Statement, st)
	}
	return d, nil
}

func strs(v any) policy.Strings {
	switch x := v.(type) {
	case string:
		return policy.List(x)
	case []any:
		var out []string
		for _, e := range x {
			s, _ := e.(string)
			out = append(out, s)
		}
		return policy.Strings{Values: out, Array: true}
	}
	return policy.Strings{}
}

func principal(v any) *policy.Principal {
	switch x := v.(type) {
	case string:
		if x == "*" {
			return policy.Everyone()
		}
		return &policy.Principal{}
	case map[string]any:
		return &policy.Principal{
			AWS:           strs(x["AWS"]),
			Service:       strs(x["Service"]),
			Federated:     strs(x["Federated"]),
			CanonicalUser: strs(x["CanonicalUser"]),
		}
	}
	return nil
}

// docs reads several policies.
func docs(t testing.TB, texts ...string) []*policy.Document {
	out := make([]*policy.Document, len(texts))
	for i, s := range texts {
		out[i] = doc(t, s)
	}
	return out
}

// allow is an identity policy with one Allow statement.
func allowStmt(action, resource string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + action + `","Resource":"` + resource + `"}]}`
}
