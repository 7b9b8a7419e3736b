package kmskey_test

import (
	"fmt"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/policy"
)

// What describe-key and list-resource-tags say about a key is given once,
// as Policies.Key: every request on the key then carries kms:KeyOrigin and
// aws:ResourceTag/<key>, so a policy limited to keys in an AWS CloudHSM key
// store, or to one project's keys, decides without the caller repeating
// them per request.
func ExampleFacts() {
	meta, err := kmskey.ReadKeyMetadata([]byte(`{"KeyMetadata": {
	  "KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
	  "Arn": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
	  "Origin": "AWS_CLOUDHSM", "KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT",
	  "MultiRegion": false}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	tags, err := kmskey.ReadTags([]byte(`{"Tags": [{"TagKey": "Project", "TagValue": "Alpha"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	keyPolicy, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
	  "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	keyUser, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
	  "Action":"kms:Decrypt","Resource":"*",
	  "Condition":{"StringEquals":{"kms:KeyOrigin":"AWS_CLOUDHSM","aws:ResourceTag/Project":"Alpha"}}}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := evaluate.Compile(evaluate.Policies{
		Identity: []*policy.Document{keyUser},
		Resource: keyPolicy,
		Key:      kmskey.Facts(meta, tags),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, key := range []string{
		"arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321", // another key: no facts
	} {
		d, err := ev.Decide(evaluate.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "kms:Decrypt", Resource: key})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(d)
	}
	// Output:
	// allowed
	// implicitDeny
}
