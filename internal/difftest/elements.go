package difftest

import (
	"strings"

	"github.com/cksiam/cksiam/internal/arn"
)

// The Action and Resource elements of generated statements: values that
// match the case's request, that do not, or wildcards that may.

// actionElem sets Action or NotAction.
func (b *builder) actionElem(st doc, bias bool) {
	name := "Action"
	if b.chance(0.08) {
		name = "NotAction"
		b.tag("not-action")
	}
	n := 1 + b.r.IntN(2)
	var list []string
	for j := range n {
		if (bias && j == 0) || b.chance(0.5) {
			list = append(list, b.matchingAction())
		} else {
			list = append(list, b.otherAction())
		}
	}
	st[name] = stringsOrOne(list, b.chance(0.5))
}

func (b *builder) matchingAction() string {
	a := b.act.name
	svc := service(a)
	op := a[len(svc)+1:]
	switch b.r.IntN(8) {
	case 0:
		return svc + ":*"
	case 1:
		return svc + ":" + op[:1+b.r.IntN(len(op)-1)] + "*"
	case 2:
		i := b.r.IntN(len(op))
		b.tag("action-quest")
		return svc + ":" + op[:i] + "?" + op[i+1:]
	case 3:
		b.tag("action-case")
		return strings.ToUpper(svc) + ":" + strings.ToLower(op)
	case 4:
		if b.chance(0.3) {
			return "*"
		}
		return a
	}
	return a
}

func (b *builder) otherAction() string {
	for {
		o := actions[b.r.IntN(len(actions))].name
		if o != b.act.name {
			if b.chance(0.3) {
				return service(o) + ":" + o[len(service(o))+1:len(service(o))+4] + "*"
			}
			return o
		}
	}
}

// resourceElem sets Resource or NotResource.
func (b *builder) resourceElem(st doc, bias bool) {
	name := "Resource"
	if b.chance(0.08) {
		name = "NotResource"
		b.tag("not-resource")
	}
	n := 1 + b.r.IntN(2)
	var list []string
	for j := range n {
		if (bias && j == 0) || b.chance(0.55) {
			r := b.matchingResource()
			if name == "NotResource" && !b.resolves(r) {
				// How NotResource treats an entry whose variable has no
				// value is not documented (aws-rules A.8 covers Resource).
				r = b.resource
			}
			list = append(list, r)
		} else {
			list = append(list, b.otherResource())
		}
	}
	st[name] = stringsOrOne(list, b.chance(0.5))
}

// matchingResource returns a pattern that usually matches the request's
// resource.
func (b *builder) matchingResource() string {
	res := b.resource
	if res == "*" || b.chance(0.2) {
		return "*"
	}
	parts, ok := arn.Cut(res) // arn partition service region account resource
	if !ok {
		return res
	}
	arn := parts[:]
	switch b.r.IntN(9) {
	case 0: // resource type or path prefix, then *
		if i := strings.LastIndexAny(arn[5], "/"); i >= 0 {
			return strings.Join(arn[:5], ":") + ":" + arn[5][:i+1] + "*"
		}
	case 1: // any region
		if arn[3] != "" {
			arn[3] = "*"
			return strings.Join(arn, ":")
		}
	case 2: // one ? in the resource id
		i := len(arn[5]) - 1 - b.r.IntN(3)
		arn[5] = arn[5][:i] + "?" + arn[5][i+1:]
		return strings.Join(arn, ":")
	case 3: // a * that ends a colon-separated segment and expands past
		// colons (aws-rules A.6: the current Resource page documents this).
		b.tag("resource-star-colon")
		if arn[3] != "" && b.chance(0.5) {
			return "arn:aws:" + arn[2] + ":" + arn[3][:3] + "*:" + arn[5]
		}
		return "arn:aws:" + arn[2] + ":*:" + arn[5]
	case 4: // a case variant: never matches (resources are case-sensitive)
		b.tag("resource-case")
		arn[5] = strings.ToUpper(arn[5][:1]) + arn[5][1:]
		if strings.ToUpper(arn[5][:1]) == arn[5][:1] {
			arn[5] = strings.ToLower(arn[5][:1]) + arn[5][1:]
		}
		return strings.Join(arn, ":")
	case 5: // policy variables in the resource part (aws-rules A.8)
		b.tag("resource-variable")
		switch arn[2] {
		case "iam":
			if strings.Contains(arn[5], "user/") {
				return "arn:aws:iam::" + arn[4] + ":user/${aws:username}"
			}
			return "arn:aws:iam::" + arn[4] + ":role/${aws:PrincipalTag/project}*"
		case "kms":
			return "arn:aws:kms:" + arn[3] + ":" + arn[4] + ":key/${aws:PrincipalTag/team}*"
		}
		return strings.Join(arn[:5], ":") + ":*${aws:username}*"
	}
	return res
}

func (b *builder) otherResource() string {
	for range 10 {
		a := actions[b.r.IntN(len(actions))]
		acct := accountA
		if b.chance(0.4) {
			acct = accountB
		}
		r := b.pick(resourceARNs(a.res, acct))
		if r != b.resource && r != "*" {
			return r
		}
	}
	return "arn:aws:s3:::example-bucket/*"
}

func stringsOrOne(list []string, array bool) any {
	if len(list) == 1 && !array {
		return list[0]
	}
	return list
}
