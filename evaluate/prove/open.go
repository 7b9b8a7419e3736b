package prove

import (
	"errors"
	"fmt"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// Open answers, for requests whose principal, action and resource are
// fixed and whose context is partly fixed, whether the policies allow them
// for every value of the other context keys, for none, or for some — and
// under which condition on those keys. It is the question "who can use
// this key?" asks of each principal and action when an account snapshot
// does not fix every key a condition tests (aws:SourceIp,
// kms:ViaService, the request's encryption context…).
//
// Make one with CompileOpen per set of policies and ask Decide per
// request; an Open may be used by several goroutines at once.
type Open struct {
	pol  evaluate.Policies
	ev   *evaluate.Evaluator
	opts options
	ix   *catIndex
	docs []openDoc
}

// openDoc is one document of the policies, with its statements read once.
type openDoc struct {
	doc  *policy.Document
	vars bool // policy variables are read (Version 2012-10-17)
}

// Extent is how many values of the free context keys a request is allowed
// for.
type Extent uint8

// The extents.
const (
	// Always: allowed for every value of the free keys, absent included.
	Always Extent = iota + 1
	// Sometimes: allowed for some values and not for others; the answer
	// carries one request of each, and the residual condition when it
	// can be stated exactly.
	Sometimes
	// Never: allowed for no value of the free keys.
	Never
	// Indeterminate: the prover cannot tell; Reason says why.
	Indeterminate
)

// String returns "always", "sometimes", "never" or "indeterminate".
func (e Extent) String() string {
	switch e {
	case Always:
		return "always"
	case Sometimes:
		return "sometimes"
	case Never:
		return "never"
	case Indeterminate:
		return "indeterminate"
	}
	return "invalid"
}

// Question is one request with its free keys.
//
// Request fixes the principal, the action, the resource and the context
// keys it gives (with at least one value). Keys the evaluator implies are
// fixed too: those of the principal (aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType, aws:username, kms:CallerAccount,
// aws:PrincipalIsAWSService, aws:PrincipalServiceName), aws:ResourceAccount,
// the key's facts when Policies.Key gives them (kms:KeyOrigin, kms:KeySpec,
// kms:KeyUsage, kms:MultiRegion, kms:MultiRegionKeyType; aws:ResourceTag/*
// when Key.Tags is not nil), aws:PrincipalTag/* when Policies.PrincipalTags
// is not nil, the new grant's keys when Request.NewGrant is set, and the
// encryption context keys (kms:EncryptionContext:*,
// kms:EncryptionContextKeys) when Request.EncryptionContext is not nil.
// Every other key the action may carry (by the action catalog; any key
// for an action the catalog does not list) is free: absent or any value.
// With Request.EncryptionContext nil, the request's encryption context is
// free for an action that takes one: any set of pairs, or none.
//
// A policy variable takes the value the evaluator reads for the request
// (its Context, else the implied keys above: ${aws:username} is the IAM
// user's name; a fixed key without a value, such as a role session's
// aws:username, makes the text match nothing, as in the evaluator). A
// variable on a free key ties two free keys together: the
// answer is then Sometimes without a residual (two requests the evaluator
// decided) or Indeterminate with ReasonVariableAcrossKeys.
type Question struct {
	// Request is the fixed part of the request.
	Request evaluate.Request
	// Absent lists keys that are fixed as absent although the request
	// does not imply them (a principal known to be in no organization
	// has no aws:PrincipalOrgID). A name ending in '*' names every key it
	// begins ("aws:PrincipalTag/*"). Case does not matter. A name of a
	// map's entry ("aws:RequestTag/owner", "kms:EncryptionContext:Dept")
	// is in no request: neither its value key nor the names key
	// (aws:TagKeys, kms:EncryptionContextKeys) gives it.
	Absent []string
	// Free lists keys that are free although the evaluator would imply
	// them (aws:PrincipalArn, aws:PrincipalTag/*… when the principal
	// stands for any principal of its account); the values tried are
	// given in the request's context and so replace the implied ones.
	// Names ending in '*' as for Absent.
	Free []string
}

// Answer is the answer to one Question.
type Answer struct {
	// Extent is Always, Sometimes, Never or Indeterminate.
	Extent Extent
	// Allowed is a request of the question the evaluator allows (set
	// for Always and Sometimes): the fixed request with values for free
	// keys.
	Allowed *evaluate.Request
	// Denied is a request of the question the evaluator does not allow
	// (set for Never and Sometimes).
	Denied *evaluate.Request
	// Residual, for Sometimes, is the exact condition on the free keys
	// under which the request is allowed: it is allowed when any one of
	// these conditions holds (each one a Condition element, its blocks
	// and entries all holding). Nil when no such condition was found
	// among the policies' own conditions; Detail then shows the two
	// requests.
	Residual []policy.Condition
	// FreeKeys are the free keys the policies test for this request,
	// sorted, lower-cased ("kms:encryptioncontext:" for the encryption
	// context).
	FreeKeys []string
	// Reason is why the answer is Indeterminate; empty otherwise.
	Reason Reason
	// Detail explains the answer in one line.
	Detail string
	// Steps is the number of requests decided.
	Steps int
}

// CompileOpen compiles the policies once for questions about requests
// with free context keys. Options of this package apply (Budget bounds
// the requests one question decides; Catalog and WithoutCatalog choose
// which keys an action may carry); EvaluateOptions passes options to the
// evaluator. An error is the evaluator's refusal of the policies, wrapped
// in ErrInput.
func CompileOpen(p evaluate.Policies, opts ...Option) (*Open, error) {
	o := readOptions(opts)
	ev, err := evaluate.Compile(p, o.engine...)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	op := &Open{pol: p, ev: ev, opts: o, ix: indexOf(o.catalog)}
	for _, d := range allDocs(p) {
		op.docs = append(op.docs, openDoc{doc: d, vars: d.Version == policy.Version2012})
	}
	return op, nil
}

// Decide answers one question. An error is the evaluator's refusal of the
// request (wrapped in ErrInput), never an answer.
func (op *Open) Decide(q Question) (Answer, error) {
	if op == nil {
		return Answer{}, fmt.Errorf("%w: nil Open: make one with CompileOpen", ErrInput)
	}
	r := q.Request
	if _, err := op.ev.Decide(r); err != nil {
		return Answer{}, fmt.Errorf("%w: %w", ErrInput, err)
	}
	u, err := op.universe(q)
	if err != nil {
		var be *errBudget
		if errors.As(err, &be) {
			return Answer{Extent: Indeterminate, Reason: ReasonBudgetExceeded, Detail: err.Error()}, nil
		}
		return Answer{}, err
	}
	return op.enumerate(q, u)
}
