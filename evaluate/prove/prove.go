package prove

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/account"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// Kind is what a single policy document is, which fixes the requests a
// question about it ranges over. It is policy.Kind; the questions about
// one document take IdentityPolicy (Identity), KeyPolicy and TrustPolicy
// and refuse the other kinds with ErrInput.
type Kind = policy.Kind

// The kinds of document the questions take.
const (
	// Identity (policy.IdentityPolicy): the caller's only identity-based
	// policy. The caller is an IAM user, role or role session of any
	// account; every resource's policy (a KMS key's policy, a role's trust
	// policy, a bucket policy) trusts the caller's account, so the
	// document alone decides.
	Identity = policy.IdentityPolicy
	// KeyPolicy (policy.KeyPolicy): a KMS key's key policy. Requests are
	// kms actions on KMS keys, from any principal; the caller's own
	// policies allow everything, so the key policy alone decides.
	KeyPolicy = policy.KeyPolicy
	// TrustPolicy (policy.TrustPolicy): an IAM role's trust policy.
	// Requests are the sts actions a trust policy authorizes
	// (sts:AssumeRole…) on roles, from any principal; the caller's own
	// policies allow everything.
	TrustPolicy = policy.TrustPolicy
)

// ParseKind reads "identity", "key" or "trust".
func ParseKind(s string) (Kind, error) {
	switch s {
	case "identity":
		return Identity, nil
	case "key":
		return KeyPolicy, nil
	case "trust":
		return TrustPolicy, nil
	}
	return 0, fmt.Errorf("%w: kind %q (want identity, key or trust)", ErrInput, s)
}

// ErrInput marks a question the prover cannot ask: a nil document, a bad
// account ID, a kind that does not fit. Policies the evaluator refuses to
// compile are reported with the evaluator's error, wrapped in ErrInput.
var ErrInput = errors.New("prove: bad input")

func frameOfKind(k Kind) (frame, error) {
	switch k {
	case Identity:
		return frameIdentity, nil
	case KeyPolicy:
		return frameKey, nil
	case TrustPolicy:
		return frameTrust, nil
	}
	return 0, fmt.Errorf("%w: kind %v: the questions take an identity, key or trust policy", ErrInput, k)
}

func raw(k Kind, d *policy.Document) evaluate.Policies {
	if k == Identity {
		return evaluate.Policies{Identity: []*policy.Document{d}}
	}
	return evaluate.Policies{Resource: d}
}

// NoNewAccess answers whether every request the new document allows is
// allowed by the old one (AWS's CheckNoNewAccess, with a counterexample).
// When every Allow statement of new is within one of old and every Deny of
// old within one of new, it is Proved from the statements without search
// (cover.go; Result.Steps is then 0).
func NoNewAccess(k Kind, old, new *policy.Document, opts ...Option) (Result, error) {
	f, err := frameOfKind(k)
	if err != nil {
		return Result{}, err
	}
	if old == nil || new == nil {
		return Result{}, fmt.Errorf("%w: a document is nil", ErrInput)
	}
	o := readOptions(opts)
	if !o.searchOnly {
		if res, ok := coveredProof(k, old, new); ok {
			return res, nil
		}
	}
	return ask(o, f, goalNewAccess, []evaluate.Policies{raw(k, new), raw(k, old)}, nil, nil, "")
}

// AccessNotGranted answers whether the document allows no request for one
// of the actions (patterns allowed) on one of the resources (patterns
// allowed). With no actions it asks about every action, with no resources
// about every resource, as AWS's CheckAccessNotGranted does.
func AccessNotGranted(k Kind, doc *policy.Document, actions, resources []string, opts ...Option) (Result, error) {
	f, err := frameOfKind(k)
	if err != nil {
		return Result{}, err
	}
	if doc == nil {
		return Result{}, fmt.Errorf("%w: the document is nil", ErrInput)
	}
	return ask(readOptions(opts), f, goalAllowed, []evaluate.Policies{raw(k, doc)}, actions, resources, "")
}

// NoExternalAccess answers whether the key or trust policy lets no
// principal outside the account use the key or assume the role: no IAM
// principal or account root of another account, and no federated
// identity. Service principals are AWS services, not outsiders, and are
// not counted.
func NoExternalAccess(k Kind, doc *policy.Document, acct string, opts ...Option) (Result, error) {
	f, err := frameOfKind(k)
	if err != nil {
		return Result{}, err
	}
	if k == Identity {
		return Result{}, fmt.Errorf("%w: external access is a question about a key or trust policy", ErrInput)
	}
	if doc == nil {
		return Result{}, fmt.Errorf("%w: the document is nil", ErrInput)
	}
	if _, ok := account.Key(acct); !ok {
		return Result{}, fmt.Errorf("%w: account %q is not a 12-digit account ID", ErrInput, acct)
	}
	return ask(readOptions(opts), f, goalAllowed, []evaluate.Policies{raw(k, doc)}, nil, nil, acct)
}

// NoNewAccessPolicies is NoNewAccess over composed policies: every request
// the new Policies allow (identity and resource policies, limited by the
// boundary, the session policy, every SCP and RCP level, with the key and
// trust policy rules the evaluator applies) is allowed by the old ones.
// Requests range over every principal, action and resource.
func NoNewAccessPolicies(old, new evaluate.Policies, opts ...Option) (Result, error) {
	return ask(readOptions(opts), framePolicies, goalNewAccess, []evaluate.Policies{new, old}, nil, nil, "")
}

// AccessNotGrantedPolicies is AccessNotGranted over composed policies.
func AccessNotGrantedPolicies(p evaluate.Policies, actions, resources []string, opts ...Option) (Result, error) {
	return ask(readOptions(opts), framePolicies, goalAllowed, []evaluate.Policies{p}, actions, resources, "")
}

// NoExternalAccessPolicies is NoExternalAccess over composed policies:
// no request from outside the account on a resource of the account is
// allowed.
func NoExternalAccessPolicies(p evaluate.Policies, acct string, opts ...Option) (Result, error) {
	if _, ok := account.Key(acct); !ok {
		return Result{}, fmt.Errorf("%w: account %q is not a 12-digit account ID", ErrInput, acct)
	}
	return ask(readOptions(opts), framePolicies, goalAllowed, []evaluate.Policies{p}, nil, nil, acct)
}

// nilDocument finds a nil document in a list of p (a nil Resource,
// Boundary or Session is an absent one), and names it as the evaluator
// does.
func nilDocument(p evaluate.Policies) (string, bool) {
	for i, d := range p.Identity {
		if d == nil {
			return fmt.Sprintf("Identity[%d]", i), true
		}
	}
	for _, l := range []struct {
		name   string
		levels [][]*policy.Document
	}{{"SCPs", p.SCPs}, {"RCPs", p.RCPs}} {
		for i, level := range l.levels {
			for j, d := range level {
				if d == nil {
					return fmt.Sprintf("%s[%d][%d]", l.name, i, j), true
				}
			}
		}
	}
	return "", false
}

// ask answers one question.
func ask(o options, f frame, g goal, sides []evaluate.Policies, actions, resources []string, external string) (Result, error) {
	for _, a := range actions {
		if err := CheckActionPattern(a); err != nil {
			return Result{}, fmt.Errorf("%w: action %q: %v", ErrInput, a, err)
		}
	}
	for _, r := range resources {
		if err := CheckResourcePattern(r); err != nil {
			return Result{}, fmt.Errorf("%w: resource %q: %v", ErrInput, r, err)
		}
	}
	for _, s := range sides {
		if where, ok := nilDocument(s); ok {
			return Result{}, fmt.Errorf("%w: %s: the document is nil", ErrInput, where)
		}
	}
	for _, s := range sides {
		if len(s.Grants) > 0 || s.Key != nil || s.PrincipalTags != nil {
			return Result{Verdict: Unknown, Reason: ReasonUnsupported,
				Detail: "Policies with Grants, Key facts or PrincipalTags are not supported by the prover yet"}, nil
		}
	}
	pb, err := newProblem(o, f, sides, external, actions, resources)
	if err != nil {
		var be *errBudget
		var ue *unsupportedError
		switch {
		case errors.As(err, &be):
			return Result{Verdict: Unknown, Reason: ReasonBudgetExceeded, Detail: err.Error()}, nil
		case errors.As(err, &ue):
			return Result{Verdict: Unknown, Reason: ReasonUnsupported, Detail: err.Error()}, nil
		case errors.Is(err, ErrInput):
			return Result{}, err
		}
		return Result{}, fmt.Errorf("%w: %v", ErrInput, err)
	}
	sr := &searcher{pb: pb, goal: g}
	sr.inQuestion = func(r *evaluate.Request, ct *control) bool {
		if len(actions) > 0 && !anyGlob(actions, r.Action, true) {
			return false
		}
		if len(resources) > 0 && !anyGlob(resources, r.Resource, false) {
			return false
		}
		if external != "" {
			if ct.kind == kService && !anyGlob(federationActions, r.Action, true) ||
				ct.kind.hasAccount() && ct.kind != kIdPARN && ct.pa == external {
				return false
			}
		}
		return true
	}
	sr.run()
	res := Result{Steps: pb.bud.used}
	switch {
	case sr.found != nil:
		res.Verdict, res.Witness = Refuted, sr.found
		res.Detail = "counterexample found and confirmed by the evaluator"
		if a := sr.found.Action; a != "" {
			if _, listed := pb.ix.byName[ascii.ToLower(a)]; !listed {
				svc, _, _ := strings.Cut(a, ":")
				res.Detail += "; " + a + " is not in the action catalog: it stands for every " + svc + " action the catalog does not list (added after it, say) that the policies' action patterns treat alike"
			}
		}
	case sr.over:
		res.Verdict, res.Reason = Unknown, ReasonBudgetExceeded
		res.Detail = fmt.Sprintf("the search used its budget of %d steps", pb.bud.total)
	case sr.disagree > 0:
		res.Verdict, res.Reason = Unknown, ReasonEngineDisagrees
		res.Detail = "the prover's model found counterexamples the evaluator does not confirm"
		if r := sr.disagreed; r != nil {
			res.Detail += fmt.Sprintf(" (principal %s, action %s, resource %s, resource account %q, context %v)", r.Principal, r.Action, r.Resource, r.ResourceAccount, r.Context)
		}
	case sr.unsure > 0:
		res.Verdict, res.Reason = Unknown, ReasonVariableAcrossKeys
		res.Detail = "policy variables tie parts of the request together and no candidate counterexample was confirmed"
	case sr.related > 0:
		res.Verdict, res.Reason = Unknown, ReasonUnmodelledKeyRelation
		res.Detail = "the only counterexamples found give related keys unrelated values (aws:CurrentTime and aws:EpochTime different instants, or kms:EncryptionContextKeys or aws:TagKeys other names than the kms:EncryptionContext:<key> or aws:RequestTag/<key> entries)"
	case pb.inexact != "":
		res.Verdict, res.Reason = Unknown, ReasonUnmodelledKeyRelation
		res.Detail = "no counterexample among the accounts considered, but " + pb.inexact
	default:
		res.Verdict = Proved
		res.Detail = "no request the question ranges over is a counterexample"
	}
	return res, nil
}

func anyGlob(pats []string, s string, fold bool) bool {
	for _, p := range pats {
		if fold && glob.MatchFold(p, s) || !fold && glob.Match(p, s) {
			return true
		}
	}
	return false
}

// delegate is the resource policy the Identity kind assumes for every
// resource: it trusts the caller's account, in every partition.
func delegate(accounts, parts []string) *policy.Document {
	var ids []string
	for _, a := range accounts {
		for _, p := range parts {
			ids = append(ids, "arn:"+p+":iam::"+a+":root")
		}
	}
	return doc(policy.Statement{Effect: policy.Allow, Principal: policy.AWSPrincipal(ids...),
		Action: policy.List("*"), Resource: policy.List("*")})
}
