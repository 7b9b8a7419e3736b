package policy_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

func TestNormalizeSortsAndDeduplicates(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{
			name: "actions sort and de-duplicate ignoring case, keeping the first spelling",
			in:   `{"Statement":[{"Effect":"Allow","Action":["s3:PutObject","kms:Decrypt","S3:getobject","s3:GetObject","KMS:decrypt","s3:*"],"Resource":"*"}]}`,
			want: `{"Statement":[{"Effect":"Allow","Action":["kms:Decrypt","s3:*","S3:getobject","s3:PutObject"],"Resource":"*"}]}`,
		},
		{
			name: "NotAction is treated like Action",
			in:   `{"Statement":[{"Effect":"Deny","NotAction":["iam:*","IAM:*","a:b"],"Resource":"*"}]}`,
			want: `{"Statement":[{"Effect":"Deny","NotAction":["a:b","iam:*"],"Resource":"*"}]}`,
		},
		{
			name: "resources sort and de-duplicate case-sensitively",
			in:   `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::B/*","arn:aws:s3:::a","arn:aws:s3:::b/*"]}]}`,
			want: `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::B/*","arn:aws:s3:::a","arn:aws:s3:::b/*"]}]}`,
		},
		{
			name: "NotResource is treated like Resource",
			in:   `{"Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":["z","a","z"]}]}`,
			want: `{"Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":["a","z"]}]}`,
		},
		{
			name: "principal values sort per type and the type order stays AWS, Service, Federated, CanonicalUser",
			in:   `{"Statement":[{"Effect":"Allow","Principal":{"Service":["s3.amazonaws.com","ec2.amazonaws.com","s3.amazonaws.com"],"AWS":["arn:aws:iam::444455556666:root","111122223333"]},"Action":"sts:AssumeRole"}]}`,
			want: `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:root"],"Service":["ec2.amazonaws.com","s3.amazonaws.com"]},"Action":"sts:AssumeRole"}]}`,
		},
		{
			name: "NotPrincipal values sort too",
			in:   `{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["b","a"]},"Action":"s3:*","Resource":"*"}]}`,
			want: `{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["a","b"]},"Action":"s3:*","Resource":"*"}]}`,
		},
		{
			name: "condition blocks, keys and values sort; values de-duplicate by text and type",
			in:   `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringLike":{"s3:prefix":["b","a","b"],"aws:UserAgent":"x"},"Bool":{"aws:SecureTransport":[true,"true",true]},"NumericLessThan":{"s3:max-keys":[10,"10",9]}}}]}`,
			want: `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":["true",true]},"NumericLessThan":{"s3:max-keys":["10",10,9]},"StringLike":{"aws:UserAgent":"x","s3:prefix":["a","b"]}}}]}`,
		},
		{
			name: "keys differing only in case stay separate entries in a stable order",
			in:   `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:sourceip":"b","AWS:SourceIp":"a","aws:PrincipalTag/x":"c"}}}]}`,
			want: `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/x":"c","AWS:SourceIp":"a","aws:sourceip":"b"}}}]}`,
		},
		{
			name: "operators sort ignoring case, then by spelling",
			in:   `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"stringequals":{"a:b":"1"},"StringEquals":{"a:b":"2"},"ForAnyValue:StringLike":{"a:c":"3"}}}]}`,
			want: `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"a:c":"3"},"StringEquals":{"a:b":"2"},"stringequals":{"a:b":"1"}}}]}`,
		},
		{
			name: "statement order, Sids and single forms are kept",
			in:   `{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"Z","Effect":"Deny","Action":"b:b","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":["a:a"],"Resource":["*"]}]}`,
			want: `{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"Z","Effect":"Deny","Action":"b:b","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":["a:a"],"Resource":["*"]}]}`,
		},
		{
			name: "the single statement object stays an object",
			in:   `{"Statement":{"Effect":"Allow","Action":["b:b","a:a"],"Resource":"*"}}`,
			want: `{"Statement":{"Effect":"Allow","Action":["a:a","b:b"],"Resource":"*"}}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := policy.Parse([]byte(tc.in))
			require.NoError(t, err)
			before, err := doc.Compact()
			require.NoError(t, err)

			norm := doc.Normalize()
			got, err := norm.Compact()
			require.NoError(t, err)
			require.Equal(t, tc.want, string(got))

			after, err := doc.Compact()
			require.NoError(t, err)
			require.Equal(t, string(before), string(after), "Normalize modified its receiver")
			if diff := cmp.Diff(norm, norm.Normalize()); diff != "" {
				t.Errorf("Normalize is not idempotent (-once +twice):\n%s", diff)
			}
		})
	}
}

func TestNormalizeOfNilIsNil(t *testing.T) {
	var doc *policy.Document
	require.Nil(t, doc.Normalize())
}

func TestNormalizeGivesOneOrderForEveryPermutation(t *testing.T) {
	a := policy.NewDocument(policy.Statement{
		Effect: policy.Allow, Action: policy.List("s3:GetObject", "kms:Decrypt", "s3:ListBucket"),
		Resource:  policy.List("arn:aws:s3:::b/*", "arn:aws:s3:::a"),
		Condition: policy.NewCondition("StringEquals", "aws:PrincipalAccount", "2", "1").With("Bool", "aws:SecureTransport", "true"),
	})
	b := policy.NewDocument(policy.Statement{
		Effect: policy.Allow, Action: policy.List("s3:ListBucket", "s3:GetObject", "kms:Decrypt"),
		Resource:  policy.List("arn:aws:s3:::a", "arn:aws:s3:::b/*"),
		Condition: policy.NewCondition("Bool", "aws:SecureTransport", "true").With("StringEquals", "aws:PrincipalAccount", "1", "2"),
	})
	if diff := cmp.Diff(a.Normalize(), b.Normalize()); diff != "" {
		t.Errorf("permutations normalise differently (-a +b):\n%s", diff)
	}
}
