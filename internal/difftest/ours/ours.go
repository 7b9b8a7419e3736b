package ours

import (
	"fmt"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/cksiam/cksiam/policy"
)

// Compile parses the case's policies and compiles them, and returns the
// evaluator with the case's request.
func Compile(c *difftest.Case) (*evaluate.Evaluator, evaluate.Request, error) {
	p, err := Policies(c)
	if err != nil {
		return nil, evaluate.Request{}, err
	}
	e, err := evaluate.Compile(p)
	if err != nil {
		return nil, evaluate.Request{}, err
	}
	return e, Request(c), nil
}

// Policies parses the case's policy texts into evaluate.Policies.
func Policies(c *difftest.Case) (evaluate.Policies, error) {
	var p evaluate.Policies
	var err error
	parse := func(what, text string) *policy.Document {
		if err != nil || text == "" {
			return nil
		}
		var d *policy.Document
		d, err = policy.Parse([]byte(text))
		if err != nil {
			err = fmt.Errorf("%s: %w", what, err)
		}
		return d
	}
	for i, t := range c.Policies.Identity {
		p.Identity = append(p.Identity, parse(fmt.Sprintf("identity[%d]", i), t))
	}
	p.Boundary = parse("boundary", c.Policies.Boundary)
	p.Session = parse("session", c.Policies.Session)
	p.Resource = parse("resource", c.Policies.Resource)
	levels := func(what string, ls [][]string) [][]*policy.Document {
		var out [][]*policy.Document
		for i, l := range ls {
			docs := []*policy.Document{}
			for j, t := range l {
				docs = append(docs, parse(fmt.Sprintf("%s[%d][%d]", what, i, j), t))
			}
			out = append(out, docs)
		}
		return out
	}
	p.SCPs = levels("scps", c.Policies.SCPs)
	p.RCPs = levels("rcps", c.Policies.RCPs)
	return p, err
}

// Request returns the case's request as an evaluate.Request.
func Request(c *difftest.Case) evaluate.Request {
	ctx := make(evaluate.Context, len(c.Request.Context))
	for k, v := range c.Request.Context {
		ctx[k] = v
	}
	return evaluate.Request{
		Principal:       c.Request.Principal,
		Action:          c.Request.Action,
		Resource:        c.Request.Resource,
		ResourceAccount: c.Request.ResourceAccount,
		Context:         ctx,
	}
}

// Decide decides one case. A case the engine cannot compile or decide gets
// the decision difftest.Error with the error as detail.
func Decide(c *difftest.Case) difftest.Result {
	e, req, err := Compile(c)
	if err != nil {
		return difftest.Result{ID: c.ID, Decision: difftest.Error, Detail: err.Error()}
	}
	d, err := e.Decide(req)
	if err != nil {
		return difftest.Result{ID: c.ID, Decision: difftest.Error, Detail: err.Error()}
	}
	return difftest.Result{ID: c.ID, Decision: difftest.Decision(d)}
}

// DecideAll decides every case, in order.
func DecideAll(cases []difftest.Case) []difftest.Result {
	out := make([]difftest.Result, len(cases))
	for i := range cases {
		out[i] = Decide(&cases[i])
	}
	return out
}
