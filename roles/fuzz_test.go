package roles

import (
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// FuzzOptions: any options either fail with an *OptionError or give
// documents that format, parse back and validate without an error.
func FuzzOptions(f *testing.F) {
	f.Add("111122223333", "us-west-2", "aws", "1234abcd", "cluster-a", "Department", "IT", "ec2.us-west-2.amazonaws.com")
	f.Add("12", "us-west", "AWS", "*", "a/b", "", "x", "ec2")
	f.Add("123456789012", "eu-central-1", "aws-cn", "mrk-1", "", "k\u0100", "v\u2028", "s3.eu-central-1.amazonaws.com")
	f.Fuzz(func(t *testing.T, account, region, partition, keyID, clusterID, ecKey, ecValue, via string) {
		o := Options{Account: account, Region: region, Partition: partition, CallerAccount: true,
			KeyIDs: []string{keyID}, ClusterIDs: []string{clusterID},
			EncryptionContext: map[string]string{ecKey: ecValue}, ViaServices: []string{via}}
		rs, err := All(o)
		if err != nil {
			if _, ok := err.(*OptionError); !ok {
				t.Fatalf("error %T %v is not an *OptionError", err, err)
			}
			return
		}
		for _, r := range rs {
			d := r.Document()
			b, err := d.Format()
			if err != nil {
				t.Fatalf("%s: Format: %v", r.Name, err)
			}
			if _, err := policy.Parse(b); err != nil {
				t.Fatalf("%s: Parse(Format()): %v\n%s", r.Name, err, b)
			}
			for _, fd := range policy.Validate(d, r.Kind) {
				if fd.Severity == policy.SeverityError {
					t.Fatalf("%s: %v", r.Name, fd)
				}
			}
		}
	})
}
