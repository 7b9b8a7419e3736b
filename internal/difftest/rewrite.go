package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A rewrite turns a case into one that AWS decides identically but that
// the oracle reads correctly: it changes each policy document (doc) or the
// case as a whole (whole). Deviations with a Rewrite are not excused: the
// oracle is given the rewritten case and must agree.
type rewrite struct {
	doc   func(doc map[string]any)
	whole func(c *Case)
}

// fullAccess is an identity policy that allows everything.
const fullAccess = `{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`

// rewrites are the rewrites a Deviation may name.
var rewrites = map[string]rewrite{
	// The root user has every permission in its account (facts C.1): for
	// the oracle, which does not know that, it gets an identity policy that
	// allows everything. Denies, SCPs and the key-policy rule (facts C.4)
	// still apply on both sides; the generator never gives the root user a
	// boundary or a session policy.
	"root-full-access": {whole: func(c *Case) {
		c.Policies.Identity = append([]string{fullAccess}, c.Policies.Identity...)
	}},
	// kms:EncryptionContext:<key> is an ordinary single-valued string key
	// whose <key> part is case-insensitive (facts I), exactly like
	// aws:PrincipalTag/<key>; the oracle, which drops the former, is given
	// the latter in the policies and in the request.
	"encryption-context-as-tag": {
		doc: func(doc map[string]any) {
			eachStatement(doc, func(st map[string]any) {
				cond, _ := st["Condition"].(map[string]any)
				for _, block := range cond {
					keys, _ := block.(map[string]any)
					for k, v := range keys {
						if nk := encryptionContextAsTag(k); nk != k {
							delete(keys, k)
							keys[nk] = v
						}
					}
				}
			})
		},
		whole: func(c *Case) {
			ctx := make(map[string][]string, len(c.Request.Context))
			for k, v := range c.Request.Context {
				ctx[encryptionContextAsTag(k)] = v
			}
			c.Request.Context = ctx
		},
	},
	// "arn:aws:kms:*:key/<id>" and "arn:aws:kms:us-*:key/<id>" (a * that
	// ends a segment and crosses the region and account) become
	// "arn:aws:kms:*:*:key/<id>" and "arn:aws:kms:us-*:*:key/<id>". For a
	// request ARN with all six parts and a resource part without ':' both
	// forms match exactly the same ARNs (facts A.6).
	"resource-segments": {doc: func(doc map[string]any) {
		eachStatement(doc, func(st map[string]any) {
			for _, el := range []string{"Resource", "NotResource"} {
				mapStrings(st, el, segmentPattern)
			}
		})
	}},
	// Epoch seconds in Date condition values become the same instant as
	// ISO 8601 (facts B.5).
	"date-iso8601": {doc: func(doc map[string]any) {
		eachStatement(doc, func(st map[string]any) {
			cond, _ := st["Condition"].(map[string]any)
			for op, block := range cond {
				if !strings.Contains(op, "Date") {
					continue
				}
				keys, _ := block.(map[string]any)
				for k := range keys {
					mapStrings(keys, k, epochToISO)
				}
			}
		})
	}},
}

func segmentPattern(p string) string {
	parts := strings.Split(p, ":")
	if len(parts) == 5 && parts[0] == "arn" && strings.HasSuffix(parts[3], "*") && !strings.Contains(parts[4], "*") {
		return strings.Join(parts[:4], ":") + ":*:" + parts[4]
	}
	return p
}

func epochToISO(v string) string {
	if !isDigits(v) {
		return v
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return v
	}
	return time.Unix(n, 0).UTC().Format(time.RFC3339)
}

// eachStatement calls f with every statement object of doc.
func eachStatement(doc map[string]any, f func(map[string]any)) {
	switch s := doc["Statement"].(type) {
	case map[string]any:
		f(s)
	case []any:
		for _, x := range s {
			if st, ok := x.(map[string]any); ok {
				f(st)
			}
		}
	}
}

// mapStrings replaces m[key], a string or a list of strings, by f of it.
// Other values (JSON numbers, booleans) are left alone.
func mapStrings(m map[string]any, key string, f func(string) string) {
	switch v := m[key].(type) {
	case string:
		m[key] = f(v)
	case []any:
		for i, x := range v {
			if s, ok := x.(string); ok {
				v[i] = f(s)
			}
		}
	}
}

// OracleView returns the case as the oracle should see it: every policy
// document rewritten by the rewrites of the deviations that apply to c.
// The request is unchanged.
func OracleView(c Case, ds []Deviation) (Case, error) {
	var fs []func(map[string]any)
	out := c
	for i := range ds {
		if ds[i].Rewrite == "" || !ds[i].Applies(&c) {
			continue
		}
		r := rewrites[ds[i].Rewrite]
		if r.doc != nil {
			fs = append(fs, r.doc)
		}
		if r.whole != nil {
			r.whole(&out)
		}
	}
	if len(fs) == 0 {
		return out, nil
	}
	var err error
	apply := func(text string) string {
		if text == "" || err != nil {
			return text
		}
		dec := json.NewDecoder(strings.NewReader(text))
		dec.UseNumber()
		var doc map[string]any
		if err = dec.Decode(&doc); err != nil {
			err = fmt.Errorf("case %s: %w", c.ID, err)
			return text
		}
		for _, f := range fs {
			f(doc)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err = enc.Encode(doc); err != nil {
			return text
		}
		return strings.TrimSuffix(buf.String(), "\n")
	}
	p := &out.Policies
	p.Identity = mapList(p.Identity, apply)
	p.Boundary = apply(p.Boundary)
	p.Session = apply(p.Session)
	p.Resource = apply(p.Resource)
	p.SCPs = mapLevels(p.SCPs, apply)
	p.RCPs = mapLevels(p.RCPs, apply)
	return out, err
}

func mapList(l []string, f func(string) string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = f(s)
	}
	return out
}

func mapLevels(ls [][]string, f func(string) string) [][]string {
	if ls == nil {
		return nil
	}
	out := make([][]string, len(ls))
	for i, l := range ls {
		out[i] = mapList(l, f)
		if out[i] == nil {
			out[i] = []string{}
		}
	}
	return out
}

// encryptionContextAsTag maps kms:EncryptionContext:<key> (any case) to
// aws:PrincipalTag/ec-<key>; other keys are returned unchanged.
func encryptionContextAsTag(k string) string {
	if !isEncryptionContextKey(k) {
		return k
	}
	return "aws:PrincipalTag/ec-" + k[len("kms:EncryptionContext:"):]
}
