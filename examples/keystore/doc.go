// Command keystore prints, for every principal of the AWS KMS guide page
// "Controlling access to your custom key store", its least-privilege policy
// and the summary of its verification through the offline evaluator.
//
//	go run ./examples/keystore -account 111122223333 -region us-west-2   # readable
//	go run ./examples/keystore -account 123456789012 -region eu-west-1 -key-id 1234abcd-…
//	go run ./examples/keystore -account 111122223333 -region us-west-2 -json   # {"roles": [{"name": …, "policy": {…}}, …]}
//
// -key-admin and -key-user also print the console key policy that names
// them (-role ConsoleKeyPolicy prints it alone).
//
// -account is required (no role is ever written for an account you did not
// name); -region too for the roles whose documents name Regional resources.
// It exits 0 when every role verified, 1 when a verification failed, and 2
// on bad flags.
package main
