package snapshot

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// mini is a small snapshot built file by file for the review tables: one
// key (reviewKeyID, account 111122223333, us-west-2) with the key policy
// and grants given, the IAM data given, and optional organization files.
type mini struct {
	gaad, keyPolicy, grants string
	// files are further files by path, such as an SCP level's document.
	files map[string]string
}

const (
	reviewKeyID  = "1234abcd-12ab-34cd-56ef-1234567890ab"
	reviewKeyARN = "arn:aws:kms:us-west-2:111122223333:key/" + reviewKeyID
)

// rootKeyPolicy is the default key policy: the account's IAM policies decide.
const rootKeyPolicy = `{"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}`

func (m mini) fs() fstest.MapFS {
	dir := "kms/" + reviewKeyID + "/"
	fsys := fstest.MapFS{
		"iam/authorization-details.json": {Data: []byte(m.gaad)},
		dir + "describe-key.json": {Data: []byte(`{"KeyMetadata": {"AWSAccountId": "111122223333", "KeyId": "` + reviewKeyID + `",
			"Arn": "` + reviewKeyARN + `", "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": "Enabled", "Origin": "AWS_KMS",
			"KeyManager": "CUSTOMER", "KeySpec": "SYMMETRIC_DEFAULT", "MultiRegion": false}}`)},
		dir + "key-policy.json": {Data: []byte(m.keyPolicy)},
		dir + "tags.json":       {Data: []byte(`{"Tags": [], "Truncated": false}`)},
	}
	if m.keyPolicy == "" {
		fsys[dir+"key-policy.json"] = &fstest.MapFile{Data: []byte(rootKeyPolicy)}
	}
	grants := m.grants
	if grants == "" {
		grants = "[]"
	}
	fsys[dir+"grants.json"] = &fstest.MapFile{Data: []byte(`{"Grants": ` + grants + `, "Truncated": false}`)}
	for p, d := range m.files {
		fsys[p] = &fstest.MapFile{Data: []byte(d)}
	}
	return fsys
}

func (m mini) load(t *testing.T) *Account {
	t.Helper()
	a, err := LoadFS(m.fs())
	require.NoError(t, err)
	return a
}

func (m mini) whoCan(t *testing.T, actions ...string) *Report {
	t.Helper()
	rep, err := m.load(t).WhoCan(reviewKeyARN, actions)
	require.NoError(t, err)
	return rep
}

// row returns the row of principal and action, or false.
func row(rep *Report, principal, action string) (Row, bool) {
	for _, r := range rep.Access {
		if r.Principal == principal && r.Action == action {
			return r, true
		}
	}
	return Row{}, false
}

// hasGap reports whether the report lists a gap of kind about subject.
func hasGap(rep *Report, kind GapKind, subject string) bool {
	for _, g := range rep.Incomplete {
		if g.Kind == kind && g.Subject == subject {
			return true
		}
	}
	return false
}
