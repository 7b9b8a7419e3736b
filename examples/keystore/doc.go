// Command keystore prints, for every principal of the AWS KMS guide page
// "Controlling access to your custom key store", its least-privilege policy
// and the summary of its verification through the offline evaluator.
//
//	go run ./examples/keystore -account 111122223333 -region us-west-2   # readable
//	go run ./examples/keystore -account 123456789012 -region eu-west-1 -key-id 1234abcd-…
//	go run ./examples/keystore -account 111122223333 -region us-west-2 -json   # {"verified": true, "roles": [{"name": …, "policy": {…}, "verification": {…}}, …]}
//
// -key-admin and -key-user also print the console key policy that names
// them (-role ConsoleKeyPolicy prints it alone). With -json every role is
// verified as in the text mode, and its verification (counts and failed
// cases) is part of the output.
//
// With -snapshot DIR (an account snapshot as examples/whocan reads it) it
// audits the account instead: for each role, the principals that hold all
// of its permissions and what they hold beyond them, and those that hold
// part of them:
//
//	go run ./examples/keystore -snapshot snap/ [-region us-west-2] [-role KeyUser]... [-json]
//
// -account is required (no role is ever written for an account you did not
// name; with -snapshot it is the snapshot's); -region too for the roles whose documents name Regional resources.
// It exits 0 when every role verified, 1 when a verification failed, and 2
// for -h and bad flags (a flag that takes one value may be given once).
// go run reports every non-zero status as 1; build the command
// (go build ./examples/keystore) to see 2.
package main
