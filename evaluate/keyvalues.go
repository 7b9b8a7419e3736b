package evaluate

// KeyValues returns the values a condition on the condition key name reads
// in request r, as Decide reads them: the request's Context first, else the
// value the evaluator implies — from the principal (aws:PrincipalArn,
// aws:PrincipalAccount, aws:username, aws:userid where it is knowable…),
// from the resource (aws:ResourceAccount), from the Policies' facts
// (aws:PrincipalTag/* from PrincipalTags; kms:KeyOrigin, aws:ResourceTag/*…
// from Key when the request is on that key), from Request.EncryptionContext
// and from Request.NewGrant. It is the value a policy variable ${name}
// takes (aws-rules A.8). false means the request does not carry the key. An
// error is the evaluator's refusal of the request, as Decide would return
// it. Key names compare without regard to case.
func (e *Evaluator) KeyValues(r Request, name string) ([]string, bool, error) {
	if e == nil {
		return nil, false, policyError("", "nil Evaluator")
	}
	var s state
	if err := e.prepare(&s, &r); err != nil {
		return nil, false, err
	}
	e.settle(&s) // as decide does before reading any key
	k := newKeyRef(name)
	v, ok := s.lookup(&k)
	if !ok {
		return nil, false, nil
	}
	out := make([]string, v.len())
	for i := range out {
		out[i] = v.at(i)
	}
	return out, true, nil
}
