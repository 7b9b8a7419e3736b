package difftest

import "fmt"

// The generated key and trust policies with their Principal elements, and
// the SCP and RCP levels (with the deny-only documents they use).

// keyPolicy returns a KMS key policy (aws-rules C.4).
func (b *builder) keyPolicy() string {
	d := doc{}
	b.version(d, false)
	b.docIsKMS = true
	defer func() { b.docIsKMS = false }()
	var stmts []any
	if b.chance(0.6) {
		stmts = append(stmts, doc{"Sid": "Enable IAM policies", "Effect": "Allow",
			"Principal": doc{"AWS": b.accountPrincipal(b.resAcct)}, "Action": "kms:*", "Resource": "*"})
	}
	for i := range 1 + b.r.IntN(3) {
		st := doc{"Effect": "Allow", "Resource": "*"}
		if b.chance(0.25) {
			st["Effect"] = "Deny"
		}
		if b.chance(0.5) {
			st["Sid"] = fmt.Sprintf("Key statement %d", i)
		}
		if st["Effect"] == "Deny" && b.chance(0.3) {
			st["NotPrincipal"] = b.notPrincipal()
		} else {
			st["Principal"] = b.principalElem()
		}
		b.actionElem(st, i == 0)
		b.maybeCondition(st, 0.35)
		stmts = append(stmts, st)
	}
	return b.render(d, stmts)
}

// trustPolicy returns a role trust policy, which has no Resource
// (aws-rules A.1, C.5).
func (b *builder) trustPolicy() string {
	d := doc{}
	b.version(d, false)
	b.docIsTrst = true
	defer func() { b.docIsTrst = false }()
	var stmts []any
	for i := range 1 + b.r.IntN(2) {
		st := doc{"Effect": "Allow", "Principal": b.principalElem()}
		if i > 0 && b.chance(0.3) {
			st["Effect"] = "Deny"
		}
		acts := []any{"sts:AssumeRole", []string{"sts:AssumeRole", "sts:TagSession"}, "sts:*", "sts:TagSession", "sts:Assume*"}
		st["Action"] = acts[b.r.IntN(len(acts))]
		b.maybeCondition(st, 0.3)
		stmts = append(stmts, st)
	}
	return b.render(d, stmts)
}

func (b *builder) accountPrincipal(account string) string {
	if b.chance(0.5) {
		return account
	}
	return rootARN(account)
}

// principalElem returns a Principal element: usually one that names the
// caller at some level, sometimes one that does not.
func (b *builder) principalElem() any {
	// Whether a grant to "*" is limited by a boundary or session policy
	// like a grant to the role, or not like one to the session, is not
	// documented (aws-rules C.2 names only ARNs), so such cases are not made.
	if b.pols.Boundary == "" && b.pols.Session == "" && b.chance(0.08) {
		b.tag("principal-star")
		if b.chance(0.5) {
			return "*"
		}
		return doc{"AWS": "*"}
	}
	var aws []string
	var svc []string
	for range 1 + b.r.IntN(2) {
		switch x := b.r.IntN(10); {
		case b.p.kind == kindService && x < 6:
			svc = append(svc, b.p.arn)
		case x < 2:
			aws = append(aws, b.accountPrincipal(b.callerAccount()))
		case x < 6 && b.p.kind != kindService:
			who := b.pick(b.p.chain()[len(b.p.chain())-min(2, len(b.p.chain())):])
			if b.p.kind == kindSession && who == b.p.arn {
				b.tag("names-session-arn")
			}
			if b.p.kind == kindUser && who == b.p.arn {
				b.tag("names-user-arn")
			}

			aws = append(aws, who)
		case x < 7:
			svc = append(svc, b.pick([]string{cksSvc, "cloudhsm.amazonaws.com", "ec2.amazonaws.com"}))
		default:
			q := principals[b.r.IntN(len(principals))]
			switch q.kind {
			case kindService:
				svc = append(svc, q.arn)
			case kindSession:
				aws = append(aws, q.roleARN)
			default:
				aws = append(aws, q.arn)
			}
		}
	}
	out := doc{}
	if len(aws) > 0 {
		out["AWS"] = stringsOrOne(dedupe(aws), false)
	}
	if len(svc) > 0 {
		out["Service"] = stringsOrOne(dedupe(svc), false)
	}
	return out
}

func (b *builder) callerAccount() string {
	if b.p.account == "" {
		return accountA
	}
	return b.p.account
}

// notPrincipal returns a NotPrincipal element for a Deny statement. It
// lists the caller's whole identity chain, part of it, or someone else.
func (b *builder) notPrincipal() any {
	b.tag("not-principal")
	chain := b.p.chain()
	var list []string
	switch x := b.r.IntN(3); {
	case x == 0 && len(chain) > 0:
		list = append(list, chain...)
	case x == 1 && len(chain) > 1:
		for _, c := range chain {
			if b.chance(0.5) {
				list = append(list, c)
			}
		}
		if len(list) == 0 || len(list) == len(chain) {
			list = chain[:len(chain)-1]
		}
		b.tag("notprincipal-partial")
	default:
		list = []string{rootARN(accountB), "arn:aws:iam::" + accountB + ":user/carol"}
		if b.p.account == accountB {
			list = []string{rootARN(accountA), "arn:aws:iam::" + accountA + ":user/alice"}
		}
	}
	if b.p.kind == kindService {
		return doc{"Service": "ec2.amazonaws.com"}
	}
	return doc{"AWS": stringsOrOne(list, false)}
}

// scpLevel returns the SCPs of one level of the organization tree.
func (b *builder) scpLevel() []string {
	var level []string
	d := doc{}
	b.version(d, false)
	if b.chance(0.75) {
		level = append(level, b.render(d, []any{doc{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}}))
	} else {
		svcs := []string{"kms:*", "ec2:*", "cloudhsm:*", "iam:*", "sts:*", "ec2:Describe*", "kms:Describe*"}
		st := doc{"Effect": "Allow", "Resource": "*"}
		var list []string
		for range 1 + b.r.IntN(3) {
			list = append(list, b.pick(svcs))
		}
		st["Action"] = stringsOrOne(dedupe(list), false)
		b.maybeCondition(st, 0.2)
		level = append(level, b.render(d, []any{st}))
	}
	if b.chance(0.4) {
		level = append(level, b.identityDocDenyOnly())
	}
	return level
}

func (b *builder) identityDocDenyOnly() string {
	d := doc{}
	// An SCP must say Version 2012-10-17 (AWS refuses others, and so does
	// evaluate.Compile); the draw is kept so that later cases stay as they
	// were.
	b.version(d, true)
	b.version(d, false)
	st := doc{"Effect": "Deny"}
	b.actionElem(st, b.chance(0.6))
	b.resourceElem(st, b.chance(0.6))
	b.maybeCondition(st, 0.6)
	return b.render(d, []any{st})
}

// rcpLevel returns the custom RCPs of one level; RCPFullAWSAccess is
// implied at every level. Custom RCPs deny, name Principal "*", and may not
// use Action "*".
func (b *builder) rcpLevel() []string {
	level := []string{}
	for range b.r.IntN(2) {
		d := doc{}
		b.version(d, false)
		st := doc{"Effect": "Deny", "Principal": "*", "Resource": "*"}
		acts := []string{"kms:*", "sts:*", b.act.name, "kms:Decrypt", "sts:AssumeRole", "kms:Describe*"}
		st["Action"] = b.pick(acts)
		b.maybeCondition(st, 0.8)
		level = append(level, b.render(d, []any{st}))
	}
	b.tag("policy:rcp")
	return level
}

func dedupe(list []string) []string {
	var out []string
	for _, s := range list {
		out = appendUnique(out, s)
	}
	return out
}
