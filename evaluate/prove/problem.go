package prove

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// problem is one question, read into dimensions.
type problem struct {
	opts  options
	ix    *catIndex
	bud   *budget
	frame frame
	sides []*side // the new (or only) side first, then the old one

	act  *actDim
	res  *resDim
	prin *prinDim
	sess *dimCells
	keys map[string]*keyDim

	named    map[string]bool // account IDs the inputs name
	parts    []string        // partitions of the principals: those the inputs name, else aws
	accounts []string        // candidate accounts: named ones, then fresh ones
	fresh    []string
	kinds    []callerKind

	varResources []*varTmpl
	condVars     []*condRef

	// The question's own restrictions.
	qActPred int // -1: any action
	// fedActPred is the predicate of federationActions, in a question
	// about external access (-1 otherwise).
	fedActPred int
	fedHosts   map[string]bool // the Federated values of Principal elements
	qRes       []int           // resource atoms of the question; nil: any resource
	external   string

	keyOrder []*keyDim
	fits     map[string]fitResult
	// inexact says why the fresh accounts may not stand for every
	// unnamed account; a question is then not answered Proved.
	inexact string
	opaque  map[string]int // opaque predicate -> its dimension
	nOpaque int
	// opaqueRes holds, per opaque dimension of a Resource element, a
	// statement with that element, for substituting its variables once a
	// request is chosen.
	opaqueRes map[int]*stmtM
	opaqueCE  map[int]*centry  // per opaque condition dimension, one entry (repair.go)
	ids       map[string]int32 // names of accounts and services as small integers (id)
}

// id names a string (an account, a service) by a small integer, the same
// for the same string throughout the problem.
func (pb *problem) id(s string) int32 {
	if i, ok := pb.ids[s]; ok {
		return i
	}
	if pb.ids == nil {
		pb.ids = map[string]int32{}
	}
	i := int32(len(pb.ids)) + 1
	pb.ids[s] = i
	return i
}

// frame is how a question's documents become the evaluator's Policies.
type frame uint8

const (
	frameIdentity frame = iota // the caller's only identity policy
	frameKey                   // a KMS key policy; the caller's own policies allow everything
	frameTrust                 // a role trust policy; the caller's own policies allow everything
	framePolicies              // composed Policies, as given
)

// federationActions are the requests only a federated identity makes. A
// web identity provider may have an AWS host (Principal {"Federated":
// "cognito-identity.amazonaws.com"}), which the prover's universe holds
// as a service principal: in a question about external access such a
// caller is an outsider when it asks to assume a role with one of these.
var federationActions = []string{"sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"}

// freshAccounts are accounts the prover uses for "an account the inputs do
// not name", in order of preference.
var freshAccounts = []string{"444455556666", "777788889999", "123456789012", "210987654321", "135792468024", "864209753186"}

// accountsIn collects the 12-digit account IDs a text names.
func accountsIn(s string, into map[string]bool) {
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			run++
			continue
		}
		if run == 12 {
			into[s[i-12:i]] = true
		}
		run = 0
	}
}

// docAccounts collects the accounts a document names anywhere.
func docAccounts(d *policy.Document, into map[string]bool) {
	if d == nil {
		return
	}
	for _, st := range d.Statement {
		for _, l := range []policy.Strings{st.Action, st.NotAction, st.Resource, st.NotResource} {
			for _, v := range l.Values {
				accountsIn(v, into)
			}
		}
		for _, p := range []*policy.Principal{st.Principal, st.NotPrincipal} {
			if p == nil {
				continue
			}
			for _, l := range []policy.Strings{p.AWS, p.Service, p.Federated} {
				for _, v := range l.Values {
					accountsIn(v, into)
				}
			}
		}
		for _, b := range st.Condition {
			for _, e := range b.Entries {
				for _, v := range e.Values {
					accountsIn(v.Text, into)
				}
			}
		}
	}
}

func policiesAccounts(p evaluate.Policies, into map[string]bool) {
	for _, d := range p.Identity {
		docAccounts(d, into)
	}
	docAccounts(p.Boundary, into)
	docAccounts(p.Session, into)
	docAccounts(p.Resource, into)
	for _, l := range p.SCPs {
		for _, d := range l {
			docAccounts(d, into)
		}
	}
	for _, l := range p.RCPs {
		for _, d := range l {
			docAccounts(d, into)
		}
	}
}

// newProblem reads the sides of a question. external is the account of a
// question about external access, else "".
func newProblem(o options, f frame, sides []evaluate.Policies, external string, qActions, qResources []string) (*problem, error) {
	pb := &problem{opts: o, ix: indexOf(o.catalog), bud: &budget{total: o.budget}, frame: f,
		act: newActDim(), keys: map[string]*keyDim{}, named: map[string]bool{}, qActPred: -1, fedActPred: -1, external: external, fedHosts: map[string]bool{}, opaque: map[string]int{}, fits: map[string]fitResult{}, opaqueRes: map[int]*stmtM{}}
	for _, s := range sides {
		policiesAccounts(s, pb.named)
	}
	accountsIn(external, pb.named)
	for _, a := range qResources {
		accountsIn(a, pb.named)
	}
	for a := range pb.named {
		pb.accounts = append(pb.accounts, a)
	}
	sort.Strings(pb.accounts)
	for _, a := range freshAccounts {
		if !pb.named[a] && len(pb.fresh) < 2 {
			pb.fresh = append(pb.fresh, a)
		}
	}
	pb.accounts = append(pb.accounts, pb.fresh...)
	pb.kinds = kindsOf(f, sides)
	pb.parts = partitionsIn(sides, qResources)
	pb.res = newResDim(pb.accounts, pb.parts)
	pb.prin = newPrinDim(pb.kinds, pb.accounts, pb.parts)
	pb.sess = newDimCells()
	pb.sess.add("universe", func(b *builder) atom { return fragAtom(b.plus(sessionChars)) })
	for i := range sides {
		sides[i] = pb.framed(sides[i])
	}
	for _, s := range sides {
		sd, err := pb.readSide(s)
		if err != nil {
			return nil, err
		}
		pb.sides = append(pb.sides, sd)
	}
	if len(qActions) > 0 {
		pb.qActPred = pb.act.pred(qActions, false)
	}
	if external != "" {
		pb.fedActPred = pb.act.pred(federationActions, false)
	}
	if len(qResources) > 0 {
		var encs []string
		for _, r := range qResources {
			encs = append(encs, encode(r))
		}
		pb.qRes = []int{pb.res.patterns(encs)}
	}
	if err := pb.build(); err != nil {
		return nil, err
	}
	return pb, nil
}

// framed completes a side's Policies as the frame says: an identity
// document is evaluated with every resource trusting the caller's account;
// a key or trust policy with the caller's own policies allowing
// everything.
func (pb *problem) framed(p evaluate.Policies) evaluate.Policies {
	switch pb.frame {
	case frameIdentity:
		p.Resource = delegate(pb.accounts, pb.parts)
	case frameKey, frameTrust:
		p.Identity = []*policy.Document{doc(allowAll())}
	}
	return p
}

// partitionsIn lists the AWS partitions the inputs name in ARNs ("aws"
// when they name none): AWS partitions are isolated, so principals of other
// partitions never reach the resources the policies protect. The
// question's own resources are inputs too: asking about arn:aws-cn:s3:::b/*
// asks about the aws-cn partition.
func partitionsIn(sides []evaluate.Policies, qResources []string) []string {
	seen := map[string]bool{}
	scan := func(s string) {
		for {
			i := strings.Index(s, "arn:")
			if i < 0 {
				return
			}
			s = s[i+4:]
			j := strings.IndexByte(s, ':')
			if j < 0 {
				return
			}
			for _, p := range partitions {
				if s[:j] == p {
					seen[p] = true
				}
			}
		}
	}
	for _, r := range qResources {
		scan(r)
	}
	for _, r := range qResources {
		scan(r)
	}
	for _, sd := range sides {
		for _, d := range allDocs(sd) {
			for _, st := range d.Statement {
				for _, l := range []policy.Strings{st.Resource, st.NotResource} {
					for _, v := range l.Values {
						scan(v)
					}
				}
				for _, p := range []*policy.Principal{st.Principal, st.NotPrincipal} {
					if p != nil {
						for _, v := range p.AWS.Values {
							scan(v)
						}
						for _, v := range p.Federated.Values {
							scan(v)
						}
					}
				}
				for _, b := range st.Condition {
					for _, e := range b.Entries {
						for _, v := range e.Values {
							scan(v.Text)
						}
					}
				}
			}
		}
	}
	var out []string
	for _, p := range partitions {
		if seen[p] {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{"aws"}
	}
	return out
}

func allDocs(p evaluate.Policies) []*policy.Document {
	out := append([]*policy.Document(nil), p.Identity...)
	for _, d := range []*policy.Document{p.Boundary, p.Session, p.Resource} {
		if d != nil {
			out = append(out, d)
		}
	}
	for _, l := range p.SCPs {
		out = append(out, l...)
	}
	for _, l := range p.RCPs {
		out = append(out, l...)
	}
	return out
}

// kindsOf lists the callers a frame ranges over.
func kindsOf(f frame, sides []evaluate.Policies) []callerKind {
	switch f {
	case frameIdentity:
		// Callers that can have an identity policy attached. (A federated
		// user gets nothing from identity policies without a session
		// policy, so it is left out.)
		// Role sessions before roles: AWS requests come from a role's
		// sessions, so a counterexample is looked for there first (the
		// order decides only which one is found).
		return []callerKind{kUser, kSession, kRole}
	}
	guard := false
	for _, s := range sides {
		if len(s.SCPs) > 0 || len(s.RCPs) > 0 {
			guard = true
		}
	}
	ks := []callerKind{kUser, kSession, kRole, kFedUser, kRoot, kService, kIdPHost, kIdPARN}
	if guard {
		// Only SCPs and RCPs treat service-linked roles apart.
		ks = append(ks, kSLRRole, kSLRSession)
	}
	return ks
}

// build explores every dimension.
func (pb *problem) build() error {
	// Resource values with variables the request's shape fixes get one
	// atom per value of those variables.
	for _, vt := range pb.varResources {
		pb.registerVariants(vt)
	}
	pb.checkAccounts()
	if err := pb.prin.explore(pb.bud, ""); err != nil {
		return err
	}
	if err := pb.sess.explore(pb.bud, ""); err != nil {
		return err
	}
	names := sortedKeys(pb.keys)
	variants := func(t *tmpl, enc bool) []string {
		keys := t.keys()
		for _, k := range keys {
			if !controlVar(k) {
				return nil
			}
		}
		var out []string
		for _, a := range pb.assignments(keys) {
			var s string
			var ok bool
			if enc {
				s, ok = t.encoded(a.look)
			} else {
				s, ok = t.text(a.look)
			}
			if ok {
				out = append(out, s)
			}
		}
		return out
	}
	for _, n := range names {
		k := pb.keys[n]
		if why := k.unsupported(); why != "" {
			return &unsupportedError{what: "condition key " + k.name + " tested by " + why}
		}
		if err := k.build(pb.bud, variants); err != nil {
			return err
		}
		k.index = len(pb.keyOrder)
		pb.keyOrder = append(pb.keyOrder, k)
	}
	pb.registerOpaque()
	u := actAll
	switch pb.frame {
	case frameKey:
		u = actKey
	case frameTrust:
		u = actTrust
	}
	rcps := false
	for _, s := range pb.sides {
		if len(s.rcps) > 0 {
			rcps = true
		}
	}
	return pb.act.build(pb.ix, u, names, rcps, !pb.opts.noCat, pb.bud)
}

// unsupportedError reports input the prover cannot reason about yet.
type unsupportedError struct{ what string }

func (e *unsupportedError) Error() string { return e.what + " is not supported by the prover yet" }

// controlVars are the variables whose value a request's shape fixes.
func controlVar(lower string) bool {
	switch lower {
	case "aws:principalaccount", "aws:resourceaccount", "aws:principaltype", "aws:principalisawsservice":
		return true
	}
	return false
}

// registerVariants gives a Resource value with variables one atom per
// assignment of its variables, when the request's shape fixes them all;
// otherwise it is opaque.
func (pb *problem) registerVariants(vt *varTmpl) {
	var keys []string
	for _, k := range vt.t.keys() {
		if !controlVar(k) {
			vt.opaque = true
			return
		}
		keys = append(keys, k)
	}
	for _, env := range pb.assignments(keys) {
		enc, ok := vt.t.encoded(env.look)
		if !ok {
			vt.variants[env.key] = -1
			continue
		}
		vt.variants[env.key] = pb.res.pattern(vt.prefix + enc)
	}
}

// assignment is one set of values of control variables.
type assignment struct {
	key  string
	vals map[string]string
}

func (a assignment) look(key string) ([]string, bool) {
	v, ok := a.vals[ascii.ToLower(key)]
	if !ok || v == "" {
		return nil, false
	}
	return []string{v}, true
}

// assignments enumerates the values control variables can take.
func (pb *problem) assignments(keys []string) []assignment {
	out := []assignment{{vals: map[string]string{}}}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		var vals []string
		switch k {
		case "aws:principalaccount", "aws:resourceaccount":
			vals = append([]string{""}, pb.accounts...)
		case "aws:principaltype":
			vals = []string{"", "User", "AssumedRole", "FederatedUser", "Account"}
		case "aws:principalisawsservice":
			vals = []string{"true", "false"}
		}
		var next []assignment
		for _, a := range out {
			for _, v := range vals {
				m := map[string]string{}
				for kk, vv := range a.vals {
					m[kk] = vv
				}
				m[k] = v
				next = append(next, assignment{vals: m})
			}
		}
		out = next
	}
	for i := range out {
		out[i].key = envKey(out[i].vals)
	}
	return out
}

// envKey names an assignment canonically.
func envKey(vals map[string]string) string {
	ks := make([]string, 0, len(vals))
	for k := range vals {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var b strings.Builder
	for _, k := range ks {
		b.WriteString(k + "=" + vals[k] + ";")
	}
	return b.String()
}
