package catalog_test

import (
	"fmt"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

func ExampleCatalog_Action() {
	c := catalog.Default()
	a, ok := c.Action("kms:decrypt") // names compare ignoring case
	if !ok {
		return
	}
	fmt.Println(a.FullName(), "-", a.Level)
	for _, r := range a.Resources {
		fmt.Println(" resource", r.Type.Name, r.Type.ARN, "required:", r.Required)
	}
	fmt.Println(" supports kms:EncryptionContext:Department:", a.SupportsConditionKey("kms:EncryptionContext:Department"))

	create, _ := c.Action("kms:CreateCustomKeyStore")
	fmt.Println(create.FullName(), "wildcard-only:", create.WildcardOnly())
	// Output:
	// kms:Decrypt - Write
	//  resource key arn:${Partition}:kms:${Region}:${Account}:key/${KeyId} required: true
	//  supports kms:EncryptionContext:Department: true
	// kms:CreateCustomKeyStore wildcard-only: true
}

func ExampleCatalog_Expand() {
	for _, a := range catalog.Default().Expand("kms:*CustomKeyStore*") {
		fmt.Println(a.FullName(), a.Level)
	}
	// Output:
	// kms:ConnectCustomKeyStore Write
	// kms:CreateCustomKeyStore Write
	// kms:DeleteCustomKeyStore Write
	// kms:DescribeCustomKeyStores Read
	// kms:DisconnectCustomKeyStore Write
	// kms:UpdateCustomKeyStore Write
}

func ExampleCatalog_ConditionKey() {
	c := catalog.Default()
	for _, name := range []string{"aws:ResourceTag/team", "kms:EncryptionContext:Department", "kms:EncryptionContextKeys"} {
		k, _ := c.ConditionKey(name)
		fmt.Println(name, "is", k.Name, k.Type, "global:", k.Global)
	}
	// Output:
	// aws:ResourceTag/team is aws:ResourceTag/${TagKey} String global: true
	// kms:EncryptionContext:Department is kms:EncryptionContext:${EncryptionContextKey} String global: false
	// kms:EncryptionContextKeys is kms:EncryptionContextKeys ArrayOfString global: false
}

func ExampleResourceType_Matches() {
	kms, _ := catalog.Default().Service("kms")
	key, _ := kms.ResourceType("key")
	fmt.Println(key.Matches("arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
	fmt.Println(key.Matches("arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias"))
	fmt.Println(key.Overlaps("arn:aws:kms:*:111122223333:key/*"))
	// Output:
	// true
	// false
	// true
}

func ExampleCatalog_Check() {
	doc := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{{
		Effect:   policy.Allow,
		Action:   policy.List("kms:CreateCustomKeyStore", "kms:Decrpyt"),
		Resource: policy.List("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
	}}}
	for _, f := range catalog.Default().Check(doc, policy.IdentityPolicy) {
		fmt.Println(f.Severity, f.Code, f.Path)
	}
	// Output:
	// ERROR WILDCARD_ONLY_ACTION_WITH_ARN Statement[0].Action[0]
	// ERROR UNKNOWN_ACTION Statement[0].Action[1]
}

func ExampleCatalog_CheckAction() {
	_, err := catalog.Default().CheckAction("kms:Decrpyt")
	fmt.Println(err)
	// Output:
	// "kms:Decrpyt" is not an action the catalog knows; did you mean "kms:Decrypt"?
}
