package snapshot

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cksiam/cksiam/policy/catalog"
	"github.com/stretchr/testify/require"
)

// The arguments of a question are not snapshot files: errors about them are
// *ArgumentError, never an *Error whose File would name a file that does
// not exist.
func TestWhoCanArgumentErrors(t *testing.T) {
	a := loadTest(t)
	tests := []struct {
		name     string
		resource string
		actions  []string
		argument string
		index    int
		is       error
		message  string
	}{
		{"a key the snapshot lacks names the resource argument", "arn:aws:kms:us-west-2:111122223333:key/00000000-0000-0000-0000-000000000000", nil,
			"resource", -1, ErrNotFound, `snapshot: resource: no KMS key "arn:aws:kms:us-west-2:111122223333:key/00000000-0000-0000-0000-000000000000" in the snapshot`},
		{"a mistyped action gets the catalog's did-you-mean", testKeyID, []string{"kms:Decrypt", "kms:Decrpyt"},
			"actions", 1, catalog.ErrUnknownAction, `snapshot: actions[1]: "kms:Decrpyt" is not an action the catalog knows; did you mean "kms:Decrypt"?`},
		{"an unknown service is the catalog's error too", testKeyID, []string{"kmz:Decrypt"},
			"actions", 0, catalog.ErrUnknownService, `snapshot: actions[0]: "kmz:Decrypt" names service prefix "kmz", which the catalog does not know; did you mean "kms:Decrypt"?`},
		{"a wildcard is not one action", testKeyID, []string{"kms:*"},
			"actions", 0, catalog.ErrNotOneAction, `snapshot: actions[0]: "kms:*" is a pattern, not one action "service:ActionName"`},
		{"an action that takes no key is an invalid argument", testKeyID, []string{"kms:CreateKey"},
			"actions", 0, ErrInvalidArgument, "snapshot: actions[0]: kms:CreateKey does not take a KMS key as its resource"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.WhoCan(tt.resource, tt.actions)
			require.EqualError(t, err, tt.message)
			require.ErrorIs(t, err, tt.is)
			var ae *ArgumentError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, tt.argument, ae.Argument)
			require.Equal(t, tt.index, ae.Index)
			var se *Error
			require.False(t, errors.As(err, &se), "an argument error is not a snapshot file error")
			require.NotErrorIs(t, err, ErrMalformed)
		})
	}
	t.Run("an unknown action's error carries the suggestion", func(t *testing.T) {
		_, err := a.WhoCan(testKeyID, []string{"kms:Decrpyt"})
		var ce *catalog.ActionError
		require.ErrorAs(t, err, &ce)
		require.Equal(t, "kms:Decrypt", ce.Suggestion)
		require.ErrorIs(t, err, ErrInvalidArgument)
	})
	t.Run("a missing key is not an invalid argument: another snapshot may hold it", func(t *testing.T) {
		_, err := a.WhoCan("no-such-key", nil)
		require.ErrorIs(t, err, ErrNotFound)
		require.NotErrorIs(t, err, ErrInvalidArgument)
	})
}

func TestNilAccountAnswersAnError(t *testing.T) {
	var a *Account
	require.NotPanics(t, func() {
		rep, err := a.WhoCan(testKeyARN, nil)
		require.ErrorIs(t, err, ErrNoAccount)
		require.Nil(t, rep)
	})
}

func TestConditionKeysFoldASCIIOnlyAsTheEngineDoes(t *testing.T) {
	// The engine folds the case of condition keys in ASCII only
	// (aws-rules B.1): aws:RequestTag/Ü and aws:RequestTag/ü are two keys.
	// Two Allow statements on the first key (in the block, or not) allow
	// every request; a third statement tests the second key with a block
	// sharing the first block's first address. Read as two keys, each
	// key's blocks are told apart by the search, which proves the row
	// allowed; folded together (Unicode case), they are not, and the row
	// would be unknown.
	kp := `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:DescribeKey", "Resource": "*"},
	  {"Sid": "In", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:TagResource", "Resource": "*",
	   "Condition": {"IpAddress": {"aws:RequestTag/\u00dc": "10.0.0.0/8"}}},
	  {"Sid": "Out", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:TagResource", "Resource": "*",
	   "Condition": {"NotIpAddress": {"aws:RequestTag/\u00dc": "10.0.0.0/8"}}},
	  {"Sid": "Other", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:TagResource", "Resource": "*",
	   "Condition": {"IpAddress": {"aws:RequestTag/\u00fc": "10.0.0.0/16"}}}]}`
	gaad := `{"RoleDetailList": [{"Path": "/", "RoleName": "App", "RoleId": "AROAEXAMPLEAPP", "Arn": "arn:aws:iam::111122223333:role/App",
	  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
	  "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []}]}`
	rep := mini{gaad: gaad, keyPolicy: kp}.whoCan(t, "kms:TagResource")
	r, ok := row(rep, "arn:aws:iam::111122223333:role/App", "kms:TagResource")
	require.True(t, ok, "no row")
	require.Equal(t, Allowed, r.Access, "reason: %s", r.Reason)
}

func TestLoadNamesADirectoryThatIsNot(t *testing.T) {
	file := filepath.Join(t.TempDir(), "authorization-details.json")
	require.NoError(t, os.WriteFile(file, []byte(`{}`), 0o644))
	tests := []struct {
		name, dir, reason string
	}{
		{"a regular file is refused as not a directory, naming it", file, "not a directory"},
		{"a path that does not exist is refused, naming it", filepath.Join(t.TempDir(), "nope"), "cannot read the snapshot directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Load(tt.dir)
			require.Nil(t, a)
			require.ErrorIs(t, err, ErrMalformed)
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, tt.dir, e.File)
			require.Contains(t, err.Error(), tt.reason)
		})
	}
}
