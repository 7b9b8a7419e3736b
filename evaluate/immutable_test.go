package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

// An Evaluator keeps no slice of the documents it was compiled from:
// changing a document afterwards changes no decision.
func TestCompiledEvaluatorIgnoresLaterChangesToTheDocuments(t *testing.T) {
	trust := func() *policy.Document {
		return doc(t, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com","Federated":"accounts.google.com","CanonicalUser":"`+canonicalA+`","AWS":"`+bob+`"},"Action":"sts:AssumeRole"}]}`)
	}
	for _, tc := range []struct {
		name   string
		caller string
		edit   func(d *policy.Document)
	}{
		{"renaming the service principal", "lambda.amazonaws.com", func(d *policy.Document) { d.Statement[0].Principal.Service.Values[0] = "lambda.amazonaws.com" }},
		{"renaming the federated principal", "cognito-identity.amazonaws.com", func(d *policy.Document) {
			d.Statement[0].Principal.Federated.Values[0] = "cognito-identity.amazonaws.com"
		}},
		{"renaming the canonical user", canonicalB, func(d *policy.Document) { d.Statement[0].Principal.CanonicalUser.Values[0] = canonicalB }},
		{"renaming the AWS principal", alice, func(d *policy.Document) { d.Statement[0].Principal.AWS.Values[0] = alice }},
		{"changing the action", alice, func(d *policy.Document) { d.Statement[0].Action.Values[0] = "sts:*" }},
	} {
		t.Run(tc.name+" after Compile changes nothing", func(t *testing.T) {
			d := trust()
			ev, err := Compile(Policies{Resource: d})
			require.NoError(t, err)
			r := Request{Principal: tc.caller, Action: "sts:AssumeRole", Resource: roleARN}
			before, err := ev.Decide(r)
			require.NoError(t, err)
			require.Equal(t, ImplicitDeny, before)
			tc.edit(d)
			after, err := ev.Decide(r)
			require.NoError(t, err)
			require.Equal(t, before, after)
		})
	}
}

const (
	canonicalA = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
	canonicalB = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2bf"
)
