package roles

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestOptionsRejectValuesThatWouldBreakOrWidenAPolicy(t *testing.T) {
	tests := []struct {
		name  string
		o     Options
		field string
	}{
		{"an account is required: no role is written for someone else's account", Options{Region: "us-west-2"}, "Account"},
		{"an account is required even with every other option set", Options{Region: "us-west-2", KeyIDs: []string{"k1"}, CallerAccount: true, KeyUsers: []string{"arn:aws:iam::123456789012:role/App"}}, "Account"},
		{"an account ID must have 12 digits", Options{Account: "12345"}, "Account"},
		{"an account ID is digits only", Options{Account: "11112222333a"}, "Account"},
		{"a Region needs a number", Options{Account: "111122223333", Region: "us-west"}, "Region"},
		{"a Region has no wildcard", Options{Account: "111122223333", Region: "us-*-2"}, "Region"},
		{"a partition is lower case", Options{Account: "111122223333", Region: "us-west-2", Partition: "AWS"}, "Partition"},
		{"a partition is one AWS has: no request in another is ever decided", Options{Account: "111122223333", Region: "us-west-2", Partition: "foo"}, "Partition"},
		{"a China Region needs the China partition", Options{Account: "111122223333", Region: "cn-north-1"}, "Region"},
		{"the China partition has only China Regions", Options{Account: "111122223333", Region: "us-west-2", Partition: "aws-cn"}, "Region"},
		{"a GovCloud Region needs the GovCloud partition", Options{Account: "111122223333", Region: "us-gov-west-1", Partition: "aws"}, "Region"},
		{"the GovCloud partition has only GovCloud Regions", Options{Account: "111122223333", Region: "eu-west-1", Partition: "aws-us-gov"}, "Region"},
		{"a key ID has no wildcard", Options{Account: "111122223333", Region: "us-west-2", KeyIDs: []string{"*"}}, "KeyIDs"},
		{"a cluster ID has no slash", Options{Account: "111122223333", Region: "us-west-2", ClusterIDs: []string{"cluster-a/b"}}, "ClusterIDs"},
		{"a backup ID is not empty", Options{Account: "111122223333", Region: "us-west-2", BackupIDs: []string{""}}, "BackupIDs"},
		{"a key origin must be a custom key store origin", Options{Account: "111122223333", Region: "us-west-2", KeyOrigins: []KeyOrigin{"AWS_KMS"}}, "KeyOrigins"},
		{"connectivity is one of two values", Options{Account: "111122223333", Region: "us-west-2", Connectivity: "DIRECT"}, "Connectivity"},
		{"a via-service is an endpoint name", Options{Account: "111122223333", Region: "us-west-2", ViaServices: []string{"ec2"}}, "ViaServices"},
		{"a via-service names the Region of the service endpoint", Options{Account: "111122223333", Region: "us-west-2", ViaServices: []string{"ec2.amazonaws.com"}}, "ViaServices"},
		{"a via-service is one service in one Region", Options{Account: "111122223333", Region: "us-west-2", ViaServices: []string{"ec2.s3.us-west-2.amazonaws.com"}}, "ViaServices"},
		{"a via-service is lower case", Options{Account: "111122223333", Region: "us-west-2", ViaServices: []string{"EC2.us-west-2.amazonaws.com"}}, "ViaServices"},
		{"an encryption context key has no wildcard", Options{Account: "111122223333", Region: "us-west-2", EncryptionContext: map[string]string{"a*": "b"}}, "EncryptionContext"},
		{"a key administrator is not everyone", Options{Account: "111122223333", Region: "us-west-2", KeyAdministrators: []string{"*"}}, "KeyAdministrators"},
		{"a key administrator is of the key's account: other accounts cannot call the administration operations",
			Options{Account: "111122223333", Region: "us-west-2", KeyAdministrators: []string{"arn:aws:iam::444455556666:role/Admin"}}, "KeyAdministrators"},
		{"a key administrator given as another account's ID is refused too",
			Options{Account: "111122223333", Region: "us-west-2", KeyAdministrators: []string{"444455556666"}}, "KeyAdministrators"},
		{"a key user is in the key's partition",
			Options{Account: "111122223333", Region: "us-west-2", KeyUsers: []string{"arn:aws-cn:iam::444455556666:role/App"}}, "KeyUsers"},
		{"a key user is an IAM principal", Options{Account: "111122223333", Region: "us-west-2", KeyUsers: []string{"arn:aws:s3:::bucket"}}, "KeyUsers"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, n := range append(append([]string(nil), Names()...), "ConsoleKeyPolicy") {
				_, err := ByName(n, tc.o)
				var oe *OptionError
				require.True(t, errors.As(err, &oe), "%s: got %v", n, err)
				require.Equal(t, tc.field, oe.Field)
			}
		})
	}
	t.Run("the roles whose documents name Regional resources require a Region; the others do not", func(t *testing.T) {
		regionalRoles := map[string]bool{"ClusterAdmin": true, "ClusterPowerUser": true, "ClusterReadOnly": true, "KeyManager": true, "KeyUser": true}
		for _, n := range append(Names(), "ConsoleKeyPolicy") {
			r, err := ByName(n, Options{Account: "123456789012"})
			if !regionalRoles[n] {
				require.NoError(t, err, n)
				b, err := r.Document().Compact()
				require.NoError(t, err)
				require.NotContains(t, string(b), "::123456789012:key", "%s names no Regional resource", n)
				continue
			}
			var oe *OptionError
			require.True(t, errors.As(err, &oe), "%s: got %v", n, err)
			require.Equal(t, "Region", oe.Field, n)
			require.Equal(t, "roles: option Region: required by this role, whose document names Regional resources: a Region code such as us-west-2", err.Error())
		}
	})
	t.Run("the error for a missing account names the field", func(t *testing.T) {
		_, err := DefaultKeyPolicy(Options{})
		require.EqualError(t, err, "roles: option Account: required: the 12-digit account that owns the keys, clusters and roles")
	})
	t.Run("the documented defaults fill the other fields", func(t *testing.T) {
		o, err := Options{Account: "111122223333", Region: "us-west-2"}.resolved(regional)
		require.NoError(t, err)
		require.Equal(t, "aws", o.Partition)
		require.Equal(t, "111122223333", o.Account)
		require.Equal(t, "us-west-2", o.Region)
		require.Equal(t, []KeyOrigin{OriginCloudHSM}, o.KeyOrigins)
		require.Equal(t, []string{"arn:aws:iam::111122223333:role/KeyManager"}, o.KeyAdministrators)
		require.Equal(t, []string{"arn:aws:iam::111122223333:role/KeyUser"}, o.KeyUsers)
	})
	t.Run("via-service endpoint names of real services are accepted", func(t *testing.T) {
		for _, v := range []string{"ec2.us-west-2.amazonaws.com", "secretsmanager.eu-central-1.amazonaws.com", "rds.us-gov-west-1.amazonaws.com"} {
			o, err := Options{Account: "111122223333", Region: "us-west-2", ViaServices: []string{v}}.resolved(regional)
			require.NoError(t, err, v)
			require.Equal(t, []string{v}, o.ViaServices)
		}
	})
	t.Run("an unknown role name is an option error", func(t *testing.T) {
		_, err := ByName("Nobody", Options{Account: "111122223333", Region: "us-west-2"})
		var oe *OptionError
		require.True(t, errors.As(err, &oe))
	})
}

func TestOptionsAcceptEachPartitionWithItsRegions(t *testing.T) {
	for _, tc := range []struct{ name, partition, region string }{
		{"the China partition with a China Region", "aws-cn", "cn-north-1"},
		{"the GovCloud partition with a GovCloud Region", "aws-us-gov", "us-gov-west-1"},
		{"the commercial partition with a commercial Region", "aws", "eu-west-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := All(Options{Account: "111122223333", Region: tc.region, Partition: tc.partition})
			require.NoError(t, err)
			require.NotEmpty(t, rs)
		})
	}
}
