package roles

import (
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// satisfying returns a request context that meets every test of c.
func satisfying(c policy.Condition) map[string][]string {
	ctx := map[string][]string{}
	for _, blk := range c {
		for _, e := range blk.Entries {
			if len(e.Values) > 0 {
				ctx[e.Key] = []string{e.Values[0].Text}
			}
		}
	}
	return ctx
}

type failure struct {
	ctx map[string][]string
	why string
}

// failing returns, for each key c tests, a context with a wrong value (one
// none of the key's values accept) and one without the key. kms:CallerAccount is never absent from a KMS
// request, so only its wrong value is tried.
func (b *builder) failing(c policy.Condition, ok map[string][]string) []failure {
	var out []failure
	for _, blk := range c {
		for _, e := range blk.Entries {
			wrong := copyContext(ok)
			v := otherValue(e.Values)
			switch {
			case len(e.Values) > 0 && e.Values[0].Kind == policy.BoolValue || blk.Operator == "Bool":
				v = "false"
				if len(e.Values) > 0 && e.Values[0].Text == "false" {
					v = "true"
				}
			case strings.EqualFold(e.Key, "kms:CallerAccount"):
				v = b.near.otherAccount
			case strings.EqualFold(e.Key, "kms:KeyOrigin") && !hasValue(e.Values, "AWS_KMS"):
				v = "AWS_KMS"
			}
			wrong[e.Key] = []string{v}
			out = append(out, failure{wrong, e.Key + " is " + v})
			if strings.EqualFold(e.Key, "kms:CallerAccount") {
				continue
			}
			missing := copyContext(ok)
			delete(missing, e.Key)
			out = append(out, failure{missing, e.Key + " is missing"})
		}
	}
	return out
}

func merge(a, b map[string][]string) map[string][]string {
	out := copyContext(a)
	for k, v := range b {
		out[k] = v
	}
	return out
}

func copyContext(c map[string][]string) map[string][]string {
	out := make(map[string][]string, len(c))
	for k, v := range c {
		out[k] = append([]string(nil), v...)
	}
	return out
}
