package snapshot

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden who-can table")

const goldenWhoCan = "testdata/account.whocan.json"

// access returns the row of principal and action, or "" when it has none.
func access(rep *Report, principal, action string) Access {
	for _, r := range rep.Access {
		if r.Principal == principal && r.Action == action {
			return r.Access
		}
	}
	return ""
}

func TestWhoCanGolden(t *testing.T) {
	rep, err := loadTest(t).WhoCan(testKeyARN, nil)
	require.NoError(t, err)
	got, err := json.MarshalIndent(rep, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	if *update {
		require.NoError(t, os.WriteFile(goldenWhoCan, got, 0o644))
	}
	want, err := os.ReadFile(goldenWhoCan)
	require.NoError(t, err)
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("who-can table differs from %s (-want +got); run go test -run TestWhoCanGolden -update after checking it:\n%s", goldenWhoCan, d)
	}
}

func TestWhoCanTraps(t *testing.T) {
	rep, err := loadTest(t).WhoCan(testKeyARN, nil)
	require.NoError(t, err)
	const (
		alice  = acctPrefix + "user/alice"
		bob    = acctPrefix + "user/bob"
		carol  = acctPrefix + "user/carol"
		dave   = acctPrefix + "user/dave"
		admin  = acctPrefix + "role/AdminRole"
		glass  = acctPrefix + "role/BreakGlass"
		audit  = acctPrefix + "role/AuditRole"
		keyUse = acctPrefix + "role/KeyUserRole"
		slr    = acctPrefix + "role/aws-service-role/example.amazonaws.com/AWSServiceRoleForExampleService"
		root   = acctPrefix + "root"
		sess   = "arn:aws:sts::111122223333:assumed-role/BreakGlass/incident-42"
	)
	tests := []struct {
		name, principal, action string
		want                    Access
	}{
		{"a user gets its group's inline policy", bob, "kms:Decrypt", Allowed},
		{"a user's boundary caps its group's policy", bob, "kms:Encrypt", ""},
		{"a user gets its group's managed policy", alice, "kms:DisableKey", Allowed},
		{"the non-default (newer) version of a managed policy does not count", alice, "kms:Decrypt", ""},
		{"ABAC: the principal's Project tag matches the key's", carol, "kms:Encrypt", Allowed},
		{"ABAC: another Project tag does not", dave, "kms:Encrypt", ""},
		{"a '+' kept by path unescaping matches the tag crypto+ops", carol, "kms:TagResource", Allowed},
		{"a '+' read as a space would have matched dave's tag 'crypto ops'", dave, "kms:TagResource", ""},
		{"an SCP denies Decrypt to principals without the DataAccess tag", admin, "kms:Decrypt", ""},
		{"the SCP does not touch other actions", admin, "kms:Encrypt", Allowed},
		{"the root user is subject to SCPs", root, "kms:Decrypt", ""},
		{"the root user is allowed by the key policy", root, "kms:DescribeKey", Allowed},
		{"a service-linked role skips the SCP that would deny it", slr, "kms:Decrypt", Allowed},
		{"an SCP exemption lets BreakGlass schedule deletion", glass, "kms:ScheduleKeyDeletion", Allowed},
		{"the SCP denies deletion to other administrators", admin, "kms:ScheduleKeyDeletion", ""},
		{"a session the key policy names has its role's policies and the SCP exemption", sess, "kms:ScheduleKeyDeletion", Allowed},
		{"kms:KeyOrigin from describe-key satisfies the role's condition", keyUse, "kms:Decrypt", Allowed},
		{"a missing managed policy makes the answer unknown where it could matter", audit, "kms:DescribeKey", Unknown},
		{"a missing managed policy cannot lift the role's boundary", audit, "kms:DisableKey", ""},
		{"a grant without constraints allows its grantee without any policy, whatever kms:ViaService", acctPrefix + "role/app/AppRole", "kms:Encrypt", Allowed},
		{"a key policy statement limited to requests through S3 makes the row conditional", acctPrefix + "role/app/AppRole", "kms:GenerateDataKey", Conditional},
		{"a grant's constraints are ignored for DescribeKey", dave, "kms:DescribeKey", Allowed},
		{"an SCP still denies what a grant allows", dave, "kms:Decrypt", ""},
		{"a grant to another account's role needs no policy, but its constraint makes it conditional", "arn:aws:iam::444455556666:role/Partner", "kms:Decrypt", Conditional},
		{"a grant gives only its operations", "arn:aws:iam::444455556666:role/Partner", "kms:Encrypt", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, access(rep, tc.principal, tc.action))
		})
	}

	t.Run("the partner account may decrypt and retire the grant it is the retiring principal of, but not schedule deletion across accounts", func(t *testing.T) {
		require.Equal(t, []ExternalAccount{{Account: "444455556666", Actions: []string{"kms:Decrypt", "kms:DescribeKey", "kms:RetireGrant"},
			Principals: []string{"arn:aws:iam::444455556666:root"}}}, rep.ExternalAccounts)
	})

	t.Run("the completeness report names the missing policy and the unloaded account", func(t *testing.T) {
		kinds := map[GapKind][]string{}
		for _, g := range rep.Incomplete {
			kinds[g.Kind] = append(kinds[g.Kind], g.Subject)
		}
		require.Equal(t, []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}, kinds[GapMissingPolicy])
		require.Contains(t, kinds[GapAccountNotLoaded], "444455556666")
	})

	t.Run("a constrained grant's row carries the constraint as its condition", func(t *testing.T) {
		for _, r := range rep.Access {
			if r.Principal == "arn:aws:iam::444455556666:role/Partner" && r.Action == "kms:GenerateDataKey" {
				require.Equal(t, "grant 2e4c3b7f6a9d8e0f1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5061728", r.ViaString())
				require.Len(t, r.Condition, 1)
				b, err := json.Marshal(r.Condition[0])
				require.NoError(t, err)
				require.JSONEq(t, `{"StringEquals": {"kms:EncryptionContext:Partner": "444455556666"}}`, string(b))
				return
			}
		}
		t.Fatal("no row for the partner's GenerateDataKey grant")
	})

	t.Run("a conditional row of the key policy carries the statement's condition on the free key", func(t *testing.T) {
		for _, r := range rep.Access {
			if r.Principal == acctPrefix+"role/app/AppRole" && r.Action == "kms:GenerateDataKey" {
				require.Len(t, r.Condition, 1)
				b, err := json.Marshal(r.Condition[0])
				require.NoError(t, err)
				require.JSONEq(t, `{"StringEquals": {"kms:ViaService": "s3.us-west-2.amazonaws.com"}}`, string(b))
				return
			}
		}
		t.Fatal("no row for AppRole's GenerateDataKey")
	})

	t.Run("grantees that are not IAM principals are reported", func(t *testing.T) {
		require.Contains(t, rep.Incomplete, Gap{Kind: GapGranteeNotIAM, Subject: "111122223333:aws:ec2-infrastructure:i-81e2f56c",
			Detail: "grantee of grant 3f5d4c8a7b0e9f1a2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506172839: not an IAM principal ARN (a service, or an internal form); its access is not evaluated"})
	})

	t.Run("the allowing statements are named", func(t *testing.T) {
		for _, r := range rep.Access {
			if r.Principal == bob && r.Action == "kms:Decrypt" {
				require.Equal(t, acctPrefix+"group/KeyUsers inline policy UseTheKey Statement[0] (UseTheKey) + key policy Statement[0] (Enable IAM User Permissions)", r.ViaString())
			}
		}
	})
}

func TestWhoCanFacts(t *testing.T) {
	whoCan := func(t *testing.T, m fstest.MapFS) *Report {
		a, err := LoadFS(m)
		require.NoError(t, err)
		rep, err := a.WhoCan(testKeyARN, []string{"kms:DescribeKey", "kms:ScheduleKeyDeletion"})
		require.NoError(t, err)
		return rep
	}
	edit := func(t *testing.T, m fstest.MapFS, file, old, new string) {
		s := string(m[file].Data)
		require.Contains(t, s, old)
		m[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
	}
	kdir := "kms/" + testKeyID + "/"

	t.Run("another key origin makes the key policy's Deny apply to everyone", func(t *testing.T) {
		m := testFS(t)
		edit(t, m, kdir+"describe-key.json", `"Origin": "AWS_CLOUDHSM"`, `"Origin": "AWS_KMS"`)
		rep := whoCan(t, m)
		require.Empty(t, rep.Access)
		require.Empty(t, rep.ExternalAccounts)
	})

	t.Run("another Project tag on the key makes its deletion Deny apply", func(t *testing.T) {
		m := testFS(t)
		edit(t, m, kdir+"tags.json", `"TagValue": "Phoenix"`, `"TagValue": "Atlas"`)
		rep := whoCan(t, m)
		require.Equal(t, Access(""), access(rep, acctPrefix+"role/BreakGlass", "kms:ScheduleKeyDeletion"))
		require.Equal(t, Allowed, access(rep, acctPrefix+"role/BreakGlass", "kms:DescribeKey"))
	})

	t.Run("without the tags file, resource tags are free, not absent: deletion is conditional on the Project tag", func(t *testing.T) {
		m := testFS(t)
		delete(m, kdir+"tags.json")
		rep := whoCan(t, m)
		require.Equal(t, Conditional, access(rep, acctPrefix+"role/BreakGlass", "kms:ScheduleKeyDeletion"))
		for _, r := range rep.Access {
			if r.Principal == acctPrefix+"role/BreakGlass" && r.Action == "kms:ScheduleKeyDeletion" {
				require.Equal(t, "allowed, for example, with aws:ResourceTag/Project=Phoenix; not with none of the free keys set", r.Reason)
			}
		}
	})
}

func TestWhoCanQuestions(t *testing.T) {
	a := loadTest(t)
	t.Run("actions are spelled as the catalog spells them and de-duplicated", func(t *testing.T) {
		rep, err := a.WhoCan(testKeyID, []string{"KMS:decrypt", "kms:Decrypt"})
		require.NoError(t, err)
		require.Equal(t, []string{"kms:Decrypt"}, rep.Actions)
	})
	t.Run("the default is every kms action that takes a key", func(t *testing.T) {
		rep, err := a.WhoCan(testKeyID, nil)
		require.NoError(t, err)
		require.Len(t, rep.Actions, 45)
		require.Contains(t, rep.Actions, "kms:ReEncryptFrom")
		require.NotContains(t, rep.Actions, "kms:CreateKey")
	})
}

func TestWhoCanExternalAccounts(t *testing.T) {
	withKeyPolicy := func(t *testing.T, extra string) *Report {
		m := testFS(t)
		f := "kms/" + testKeyID + "/key-policy.json"
		doc := `{"Version": "2012-10-17", "Statement": [
			{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},` + extra + `]}`
		m[f] = &fstest.MapFile{Data: []byte(doc)}
		// Without the RCP that keeps every other account out.
		delete(m, "organizations/rcp/0-root/p-rcp-perimeter.json")
		a, err := LoadFS(m)
		require.NoError(t, err)
		rep, err := a.WhoCan(testKeyARN, []string{"kms:Decrypt", "kms:Encrypt", "kms:PutKeyPolicy"})
		require.NoError(t, err)
		return rep
	}
	tests := []struct {
		name, statement string
		want            []ExternalAccount
	}{
		{"an account trusted only for some of its roles is listed: any of its principals might be one",
			`{"Effect": "Allow", "Principal": {"AWS": "777788889999"}, "Action": "kms:Decrypt", "Resource": "*",
			  "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::777788889999:role/Admin*"}}}`,
			[]ExternalAccount{{Account: "777788889999", Actions: []string{"kms:Decrypt"}, Principals: []string{"arn:aws:iam::777788889999:root"}}}},
		{"everyone, limited to the key's own account by kms:CallerAccount, is no other account",
			`{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*",
			  "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}}`,
			nil},
		{"everyone through one service is every other account, for the operations that work across accounts",
			`{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*",
			  "Condition": {"StringEquals": {"kms:ViaService": "s3.us-west-2.amazonaws.com"}}}`,
			[]ExternalAccount{{Account: "*", Actions: []string{"kms:Decrypt", "kms:Encrypt"}}}},
	}
	t.Run("the RCP perimeter keeps out every account but the partner", func(t *testing.T) {
		m := testFS(t)
		f := "kms/" + testKeyID + "/key-policy.json"
		m[f] = &fstest.MapFile{Data: []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}]}`)}
		a, err := LoadFS(m)
		require.NoError(t, err)
		rep, err := a.WhoCan(testKeyARN, []string{"kms:Decrypt"})
		require.NoError(t, err)
		for _, e := range rep.ExternalAccounts {
			require.Equal(t, "444455556666", e.Account)
		}
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := withKeyPolicy(t, tc.statement)
			var got []ExternalAccount
			for _, e := range rep.ExternalAccounts {
				if e.Account != "444455556666" { // the partner's grant
					got = append(got, e)
				}
			}
			require.Equal(t, tc.want, got)
		})
	}
}

func TestWhoCanBoundsKeepDocumentsValid(t *testing.T) {
	// A statement whose StringEquals block tests a free key and a fixed one:
	// the bounds must not add a second StringEquals block, which the engine
	// refuses (found on AWS managed policies).
	m := testFS(t)
	m["kms/"+testKeyID+"/key-policy.json"] = &fstest.MapFile{Data: []byte(`{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*",
		 "Condition": {"StringEquals": {"kms:ViaService": "s3.us-west-2.amazonaws.com", "kms:CallerAccount": "111122223333"}}},
		{"Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
		 "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1", "aws:PrincipalIsAWSService": "false"}}}]}`)}
	a, err := LoadFS(m)
	require.NoError(t, err)
	rep, err := a.WhoCan(testKeyARN, []string{"kms:Decrypt", "kms:Encrypt"})
	require.NoError(t, err)
	require.Equal(t, Conditional, access(rep, acctPrefix+"role/KeyUserRole", "kms:Encrypt"))
}
