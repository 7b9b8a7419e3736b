package policy_test

import (
	"fmt"

	"github.com/cksiam/cksiam/policy"
)

// Locate turns a finding's JSON path into a line and column of the text,
// for editors and code-scanning reports.
func ExampleLocate() {
	data := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["kms:Decrypt", "kms:Decrpyt"],
    "Resource": "*"
  }]
}`)
	pos, exact := policy.Locate(data, "Statement[0].Action[1]")
	fmt.Println(pos.Line, pos.Column, exact)
	// Output: 5 31 true
}
