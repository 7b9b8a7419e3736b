package evaluate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
)

const (
	guideAccount = "111122223333"
	guidePageKey = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

// guidePolicies are the principals of the KMS guide page as policies: the custom
// key store manager, the key user and the key policy of a key in the
// custom key store, under an organization with FullAWSAccess.
func guidePolicies(t testing.TB) Policies {
	return Policies{
		Identity: docs(t,
			`{"Version":"2012-10-17","Statement":[
			  {"Sid":"ManageCustomKeyStores","Effect":"Allow","Action":["cloudhsm:DescribeClusters",
			    "kms:CreateCustomKeyStore","kms:ConnectCustomKeyStore","kms:DisconnectCustomKeyStore",
			    "kms:UpdateCustomKeyStore","kms:DeleteCustomKeyStore","kms:DescribeCustomKeyStores"],"Resource":"*"},
			  {"Sid":"CreateSLR","Effect":"Allow","Action":"iam:CreateServiceLinkedRole",
			   "Resource":"arn:aws:iam::*:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores*",
			   "Condition":{"StringLike":{"iam:AWSServiceName":"cks.kms.amazonaws.com"}}}]}`,
			`{"Version":"2012-10-17","Statement":[
			  {"Sid":"UseKeys","Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],
			   "Resource":"arn:aws:kms:us-east-1:111122223333:key/*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}},
			  {"Sid":"NoDeletion","Effect":"Deny","Action":"kms:ScheduleKeyDeletion","Resource":"*"}]}`),
		Resource: doc(t, `{"Version":"2012-10-17","Id":"key-consolepolicy-3","Statement":[
			  {"Sid":"Enable IAM policies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
			  {"Sid":"Allow access for Key Administrators","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KMSAdminRole"},
			   "Action":["kms:Create*","kms:Describe*","kms:Enable*","kms:List*","kms:Put*","kms:Update*","kms:Revoke*","kms:Disable*","kms:Get*","kms:Delete*","kms:TagResource","kms:UntagResource","kms:ScheduleKeyDeletion","kms:CancelKeyDeletion"],"Resource":"*"},
			  {"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ExampleRole"},
			   "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*"},
			  {"Sid":"Allow attachment of persistent resources","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ExampleRole"},
			   "Action":["kms:CreateGrant","kms:ListGrants","kms:RevokeGrant"],"Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":true}}}]}`),
		SCPs: [][]*policy.Document{docs(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)},
	}
}

func BenchmarkDecideGuide(b *testing.B) {
	ev, err := Compile(guidePolicies(b))
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: guidePageKey}
	if d, err := ev.Decide(req); err != nil || d != Allowed {
		b.Fatalf("guide page request: %v %v", d, err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ev.Decide(req); err != nil {
			b.Fatal(err)
		}
	}
}

// largeIdentitySet generates n identity statements over many services, in
// policies of 50 statements each (a policy may hold at most 131,072
// characters, aws-rules D).
func largeIdentitySet(tb testing.TB, n int) Policies {
	services := []string{"kms", "ec2", "s3", "iam", "sts", "cloudhsm", "sqs", "sns", "lambda", "dynamodb",
		"logs", "cloudwatch", "rds", "ecr", "ecs", "eks", "secretsmanager", "ssm", "glue", "athena"}
	verbs := []string{"Describe", "Get", "List", "Create", "Delete", "Update", "Put", "Tag"}
	var p Policies
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			sb.Reset()
			sb.WriteString(`{"Version":"2012-10-17","Statement":[`)
		} else {
			sb.WriteByte(',')
		}
		svc := services[i%len(services)]
		effect := "Allow"
		if i%10 == 9 {
			effect = "Deny"
		}
		fmt.Fprintf(&sb, `{"Sid":"S%d","Effect":"%s","Action":["%s:%s%d*","%s:%sThing%d"],"Resource":"arn:aws:%s:us-east-1:111122223333:thing/%d/*"`,
			i, effect, svc, verbs[i%len(verbs)], i, svc, verbs[(i+1)%len(verbs)], i, svc, i)
		if i%3 == 0 {
			fmt.Fprintf(&sb, `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"t%d"},"IpAddress":{"aws:SourceIp":"10.%d.0.0/16"}}`, i%7, i%256)
		}
		sb.WriteByte('}')
		if i%50 == 49 || i == n-1 {
			sb.WriteString(`]}`)
			p.Identity = append(p.Identity, doc(tb, sb.String()))
		}
	}
	return p
}

func BenchmarkDecideLargeIdentitySet(b *testing.B) {
	ev, err := Compile(largeIdentitySet(b, 1000))
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "ec2:Describe1Widget",
		Resource: "arn:aws:ec2:us-east-1:111122223333:thing/1/x", Context: Context{"aws:SourceIp": {"10.1.2.3"}, "aws:PrincipalTag/team": {"t1"}}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ev.Decide(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompileLargeIdentitySet(b *testing.B) {
	p := largeIdentitySet(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compile(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileScaling compiles largeIdentitySet at sizes ten times
// apart: ns/op divided by the statements should stay flat (Compile is
// linear in the statements).
func BenchmarkCompileScaling(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		p := largeIdentitySet(b, n)
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Compile(p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/statement")
		})
	}
}

// BenchmarkDecideScaling decides BenchmarkDecideLargeIdentitySet's request
// against largeIdentitySet at several sizes, across 64 statements (where
// an earlier action table ended): the cost should follow the statements
// that can match the action, not the set's size.
func BenchmarkDecideScaling(b *testing.B) {
	req := Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "ec2:Describe1Widget",
		Resource: "arn:aws:ec2:us-east-1:111122223333:thing/1/x", Context: Context{"aws:SourceIp": {"10.1.2.3"}, "aws:PrincipalTag/team": {"t1"}}}
	for _, n := range []int{10, 64, 65, 1000, 10000} {
		ev, err := Compile(largeIdentitySet(b, n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ev.Decide(req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEvaluateGuide(b *testing.B) {
	ev, err := Compile(guidePolicies(b))
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: guidePageKey}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ev.Evaluate(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExplainGuide is BenchmarkEvaluateGuide through Explain, into one
// Explanation reused from call to call, the reason left unjoined.
func BenchmarkExplainGuide(b *testing.B) {
	ev, err := Compile(guidePolicies(b))
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: guidePageKey}
	var x Explanation
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := ev.Explain(req, &x); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecideVariables decides against policy variables in Resource
// and condition values, with a dozen context keys spelled unlike the
// policy, the shape of the differential-test cases.
func BenchmarkDecideVariables(b *testing.B) {
	ev, err := Compile(Policies{Identity: docs(b, `{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*",
	   "Condition":{"StringLike":{"s3:prefix":"home/${aws:username}/*"},"ArnLike":{"aws:SourceArn":"arn:aws:s3:::${aws:PrincipalTag/team}-*"},
	    "StringEquals":{"AWS:PRINCIPALTAG/TEAM":"blue"}}}]}`)})
	if err != nil {
		b.Fatal(err)
	}
	c := Context{"s3:prefix": {"home/alice/docs"}, "aws:SourceArn": {"arn:aws:s3:::blue-bucket"}, "aws:PrincipalTag/team": {"blue"}}
	for i := 0; i < 9; i++ {
		c[fmt.Sprintf("aws:RequestTag/k%d", i)] = []string{"v"}
	}
	req := Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/notes.txt", Context: c}
	if d, err := ev.Decide(req); err != nil || d != Allowed {
		b.Fatalf("variables request: %v %v", d, err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ev.Decide(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompileGuide(b *testing.B) {
	p := guidePolicies(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compile(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecideLargeContext decides a request whose context holds many
// keys against a statement testing many keys the request lacks: each
// lookup costs the same whatever the number of context keys (one index
// built per request), not context keys × absent keys.
func BenchmarkDecideLargeContext(b *testing.B) {
	for _, n := range []int{10, 1000, 100000} {
		b.Run(fmt.Sprintf("keys=%d", n), func(b *testing.B) {
			var cond strings.Builder
			for i := 0; i < 100; i++ {
				if i > 0 {
					cond.WriteString(",")
				}
				fmt.Fprintf(&cond, `"aws:PrincipalTag/absent%d":"x"`, i)
			}
			ev, err := Compile(Policies{Identity: docs(b, allowAll, stmtDoc(`"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEqualsIfExists":{`+cond.String()+`}}`))})
			if err != nil {
				b.Fatal(err)
			}
			c := Context{}
			for i := 0; i < n; i++ {
				c[fmt.Sprintf("aws:RequestTag/k%d", i)] = []string{"v"}
			}
			req := Request{Principal: alice, Action: "s3:GetObject", Resource: "*", Context: c}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ev.Decide(req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
