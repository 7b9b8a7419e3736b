package policy

import "testing"

// benchKeyPolicy is the console default key policy of aws-rules E.5 (about
// 2 KB of JSON), the document Validate sees most in this project.
func benchKeyPolicy() *Document {
	const acct = "arn:aws:iam::111122223333:root"
	return &Document{Version: Version2012, ID: "key-consolepolicy-3", Statement: []Statement{
		{Sid: "Enable IAM User Permissions", Effect: Allow, Principal: AWSPrincipal(acct), Action: List("kms:*"), Resource: List("*")},
		{Sid: "Allow access for Key Administrators", Effect: Allow,
			Principal: AWSPrincipal("arn:aws:iam::111122223333:role/KMSAdminRole"),
			Action: List("kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
				"kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"),
			Resource: List("*")},
		{Sid: "Allow use of the key", Effect: Allow,
			Principal: AWSPrincipal("arn:aws:iam::111122223333:role/ExampleRole", "arn:aws:iam::444455556666:root"),
			Action:    List("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"),
			Resource:  List("*")},
		{Sid: "Allow attachment of persistent resources", Effect: Allow,
			Principal: AWSPrincipal("arn:aws:iam::111122223333:role/ExampleRole"),
			Action:    List("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"),
			Resource:  List("*"),
			Condition: Condition(nil).WithBool("Bool", "kms:GrantIsForAWSResource", true)},
	}}
}

func BenchmarkValidateKeyPolicy(b *testing.B) {
	d := benchKeyPolicy()
	b.SetBytes(int64(len(compactJSON(b, d))))
	b.ReportAllocs()
	for b.Loop() {
		if fs := Validate(d, KeyPolicy); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

// BenchmarkValidateWithFindings measures a document that produces a
// finding in every statement, so sorting and path placement are included.
func BenchmarkValidateWithFindings(b *testing.B) {
	d := benchKeyPolicy()
	for i := range d.Statement {
		d.Statement[i].Resource = List("arn:aws:kms:us-east-1:111122223333:key/1234abcd")
	}
	b.ReportAllocs()
	for b.Loop() {
		if fs := Validate(d, KeyPolicy); len(fs) != len(d.Statement) {
			b.Fatal(fs)
		}
	}
}

// BenchmarkValidateJSON parses and validates the console key policy as
// AWS formats it, measuring the quota on the submitted text.
func BenchmarkValidateJSON(b *testing.B) {
	data, err := benchKeyPolicy().Format()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		fs, err := ValidateJSON(data, KeyPolicy)
		if err != nil || len(fs) != 0 {
			b.Fatal(err, fs)
		}
	}
}
