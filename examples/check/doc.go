// Command check decides one request against policy files offline, the way
// AWS IAM would, and says why.
//
//	go run ./examples/check -identity user.json -resource-policy key.json \
//	    -principal arn:aws:iam::111122223333:user/alice \
//	    -action kms:Decrypt -resource arn:aws:kms:us-west-2:111122223333:key/1234abcd-… \
//	    -context kms:ViaService=ec2.us-west-2.amazonaws.com
//
// Flags -identity and -scp repeat (one -scp per organization level, root
// first); -context key=value repeats, and a repeated key gets several
// values. With -json the answer is one JSON object.
//
// It exits 0 when the request is allowed, 1 when it is denied, and 2 on bad
// input (a missing flag, an unreadable file, a policy that does not parse).
package main
