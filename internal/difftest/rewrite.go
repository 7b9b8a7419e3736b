package difftest

import (
	"github.com/cksiam/cksiam/internal/arn"

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
	// The root user has every permission in its account (aws-rules C.1): for
	// the oracle, which does not know that, it gets an identity policy that
	// allows everything. Denies, SCPs and the key-policy rule (aws-rules C.4)
	// still apply on both sides; the generator never gives the root user a
	// boundary or a session policy.
	"root-full-access": {whole: func(c *Case) {
		c.Policies.Identity = append([]string{fullAccess}, c.Policies.Identity...)
	}},
	// A NotPrincipal that lists only part of the caller's identity chain
	// does not exempt the caller (aws-rules I), so for this request it applies
	// exactly like one that lists none of it: the oracle, which exempts on
	// any listed level, is given the list without the caller's levels (or
	// an unrelated account when nothing else is left).
	"notprincipal-without-caller": {whole: func(c *Case) {
		levels := callerLevels(c)
		c.Policies.Resource = rewriteDoc(c.Policies.Resource, func(doc map[string]any) {
			eachStatement(doc, func(st map[string]any) {
				np, _ := st["NotPrincipal"].(map[string]any)
				if np == nil {
					return
				}
				var list []any
				switch v := np["AWS"].(type) {
				case string:
					list = []any{v}
				case []any:
					list = v
				default:
					return
				}
				var keep []any
				named := map[string]bool{}
				for _, x := range list {
					if s, ok := x.(string); ok && levels[s] != "" {
						named[levels[s]] = true
						continue
					}
					keep = append(keep, x)
				}
				if len(named) == 0 || len(named) == countLevels(levels) {
					return // names none or all of the caller's levels
				}
				if len(keep) == 0 {
					keep = []any{unrelatedAccount}
				}
				np["AWS"] = keep
			})
		})
	}},
	// kms:EncryptionContext:<key> is an ordinary single-valued string key
	// whose <key> part is case-insensitive (aws-rules I), exactly like
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
	// forms match exactly the same ARNs (aws-rules A.6).
	"resource-segments": {doc: func(doc map[string]any) {
		eachStatement(doc, func(st map[string]any) {
			for _, el := range []string{"Resource", "NotResource"} {
				mapStrings(st, el, segmentPattern)
			}
		})
	}},
	// Epoch seconds in Date condition values become the same instant as
	// ISO 8601 (aws-rules B.5).
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

// unrelatedAccount is an account that takes part in no case.
const unrelatedAccount = "arn:aws:iam::333333333333:root"

// callerLevels maps the ways a policy may name the caller of c or its
// parents to the level they name: "self" for the caller ARN, "account" for
// its account ID and root ARN and, for a role session, "role" for the role
// ARN given as aws:PrincipalArn.
func callerLevels(c *Case) map[string]string {
	m := map[string]string{}
	if a, err := arnAccount(c.Request.Principal); err == nil {
		m[a] = "account"
		m[rootARN(a)] = "account"
	}
	for _, v := range c.Request.Context["aws:PrincipalArn"] {
		if v != c.Request.Principal {
			m[v] = "role"
		}
	}
	m[c.Request.Principal] = "self"
	return m
}

// countLevels returns how many distinct levels the caller has.
func countLevels(levels map[string]string) int {
	seen := map[string]bool{}
	for _, l := range levels {
		seen[l] = true
	}
	return len(seen)
}

func arnAccount(s string) (string, error) {
	parts, ok := arn.Cut(s)
	if !ok || parts[arn.Account] == "" {
		return "", fmt.Errorf("%q has no account", s)
	}
	return parts[arn.Account], nil
}

// rewriteDoc applies f to the policy text (if any) and returns the new
// text; a text that does not parse is returned unchanged.
func rewriteDoc(text string, f func(map[string]any)) string {
	if text == "" {
		return text
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var doc map[string]any
	if dec.Decode(&doc) != nil {
		return text
	}
	f(doc)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(doc) != nil {
		return text
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
