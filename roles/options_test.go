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
		{"an account ID must have 12 digits", Options{Account: "12345"}, "Account"},
		{"an account ID is digits only", Options{Account: "11112222333a"}, "Account"},
		{"a Region needs a number", Options{Region: "us-west"}, "Region"},
		{"a Region has no wildcard", Options{Region: "us-*-2"}, "Region"},
		{"a partition is lower case", Options{Partition: "AWS"}, "Partition"},
		{"a key ID has no wildcard", Options{KeyIDs: []string{"*"}}, "KeyIDs"},
		{"a cluster ID has no slash", Options{ClusterIDs: []string{"cluster-a/b"}}, "ClusterIDs"},
		{"a backup ID is not empty", Options{BackupIDs: []string{""}}, "BackupIDs"},
		{"a key origin must be a custom key store origin", Options{KeyOrigins: []KeyOrigin{"AWS_KMS"}}, "KeyOrigins"},
		{"connectivity is one of two values", Options{Connectivity: "DIRECT"}, "Connectivity"},
		{"a via-service is an endpoint name", Options{ViaServices: []string{"ec2"}}, "ViaServices"},
		{"a via-service names the Region of the service endpoint", Options{ViaServices: []string{"ec2.amazonaws.com"}}, "ViaServices"},
		{"a via-service is one service in one Region", Options{ViaServices: []string{"ec2.s3.us-west-2.amazonaws.com"}}, "ViaServices"},
		{"a via-service is lower case", Options{ViaServices: []string{"EC2.us-west-2.amazonaws.com"}}, "ViaServices"},
		{"an encryption context key has no wildcard", Options{EncryptionContext: map[string]string{"a*": "b"}}, "EncryptionContext"},
		{"a key administrator is not everyone", Options{KeyAdministrators: []string{"*"}}, "KeyAdministrators"},
		{"a key user is an IAM principal", Options{KeyUsers: []string{"arn:aws:s3:::bucket"}}, "KeyUsers"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, n := range append(append([]string(nil), Names...), "ConsoleKeyPolicy") {
				_, err := ByName(n, tc.o)
				var oe *OptionError
				require.True(t, errors.As(err, &oe), "%s: got %v", n, err)
				require.Equal(t, tc.field, oe.Field)
			}
		})
	}
	t.Run("the zero value takes the documented defaults", func(t *testing.T) {
		o, err := Options{}.resolved()
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
			o, err := Options{ViaServices: []string{v}}.resolved()
			require.NoError(t, err, v)
			require.Equal(t, []string{v}, o.ViaServices)
		}
	})
	t.Run("an unknown role name is an option error", func(t *testing.T) {
		_, err := ByName("Nobody", Options{})
		var oe *OptionError
		require.True(t, errors.As(err, &oe))
	})
}
