package evaluate

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEvaluatorIsSafeForConcurrentUse shares one Evaluator across
// goroutines, each deciding and explaining requests whose answers are known.
// Under -race it checks for data races; without it, it still checks that
// concurrent use never changes an answer (lazily built values such as a
// session's role ARN live in per-request state, never in the Evaluator).
func TestEvaluatorIsSafeForConcurrentUse(t *testing.T) {
	p := guidePolicies(t)
	p.Identity = append(p.Identity, doc(t, allowStmt("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")))
	ev, err := Compile(p)
	require.NoError(t, err)
	type job struct {
		r    Request
		want Decision
	}
	jobs := []job{
		{Request{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: guidePageKey}, Allowed},
		{Request{Principal: "arn:aws:sts::111122223333:assumed-role/KMSAdminRole/x", Action: "kms:ScheduleKeyDeletion", Resource: guidePageKey}, ExplicitDeny},
		{Request{Principal: "arn:aws:sts::111122223333:assumed-role/Other/x", Action: "kms:Decrypt", Resource: guidePageKey}, Allowed},
		{Request{Principal: alice, Action: "kms:CreateCustomKeyStore", Resource: "*"}, Allowed},
		{Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/x"}, Allowed},
		{Request{Principal: bob, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/x"}, ImplicitDeny},
		{Request{Principal: alice, Action: "ec2:RunInstances", Resource: "*"}, ImplicitDeny},
	}
	const workers, rounds = 8, 200
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				j := jobs[(i+w)%len(jobs)]
				d, err := ev.Decide(j.r)
				if err != nil || d != j.want {
					errs <- j.r.Principal + " " + j.r.Action + ": Decide gave " + string(d)
					return
				}
				res, err := ev.Evaluate(j.r)
				if err != nil || res.Decision != j.want {
					errs <- j.r.Principal + " " + j.r.Action + ": Evaluate gave " + string(res.Decision)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
