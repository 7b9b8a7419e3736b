package prove

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestQuestionsNoRequestCanMatchAreRefused: an action or resource pattern
// that no request the evaluator accepts can match would make every
// AccessNotGranted answer Proved for want of requests; such a question is
// bad input.
func TestQuestionsNoRequestCanMatchAreRefused(t *testing.T) {
	doc := mustDoc(t, docOf(stmt("Allow", act("kms:*"), res("*"))))
	for _, c := range []struct {
		name               string
		actions, resources []string
		refused            bool
	}{
		{"an action without a service is refused", []string{"::"}, nil, true},
		{"an action without a colon is refused", []string{"kmsDecrypt"}, nil, true},
		{"an empty action is refused", []string{""}, nil, true},
		{"an action with an empty name is refused", []string{"kms:"}, nil, true},
		{"a resource that is not an ARN is refused", nil, []string{"arn"}, true},
		{"a resource with an upper-case service is refused", nil, []string{"arn:aws:KMS:*"}, true},
		{"a resource with an unknown partition is refused", nil, []string{"arn:foo:kms:us-east-1:111122223333:key/*"}, true},
		{"a resource with a short account is refused", nil, []string{"arn:aws:kms:us-east-1:1111:key/*"}, true},
		{"a KMS resource type in upper case is refused", nil, []string{"arn:aws:kms:us-east-1:111122223333:KEY/*"}, true},
		{"an empty resource is refused", nil, []string{""}, true},
		{"every action is asked", []string{"*"}, nil, false},
		{"a service's actions in any case are asked", []string{"KMS:Decrypt", "kms:*"}, nil, false},
		{"an action newer than the catalog is asked", []string{"kms:ZzFutureAction"}, nil, false},
		{"a short ARN pattern is asked", nil, []string{"arn:aws:kms:*"}, false},
		{"a key ARN pattern is asked", nil, []string{"arn:aws:kms:us-east-1:111122223333:key/*"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := AccessNotGranted(Identity, doc, c.actions, c.resources)
			if c.refused {
				require.ErrorIs(t, err, ErrInput)
				return
			}
			require.NoError(t, err)
			require.Equal(t, Refuted.String(), r.Verdict.String(), "kms:* on * allows some request of every such question")
		})
	}
}
