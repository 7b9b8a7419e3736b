package evaluate

import "testing"

func TestSmoke(t *testing.T) {
	res, err := Evaluate(Policies{Identity: docs(t, allowStmt("kms:*CustomKeyStore*", "*"))},
		Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "kms:CreateCustomKeyStore", Resource: "*"})
	if err != nil || res.Decision != Allowed {
		t.Fatalf("%v %+v", err, res)
	}
	t.Logf("%+v", res)
}
