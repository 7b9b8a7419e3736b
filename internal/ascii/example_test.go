package ascii_test

import (
	"fmt"

	"github.com/cksiam/cksiam/internal/ascii"
)

func ExampleEqualFoldLower() {
	// A request may spell an action in any case; policies' names are
	// lower-cased once, at Compile.
	fmt.Println(ascii.EqualFoldLower("KMS:Decrypt", "kms:decrypt"))
	fmt.Println(ascii.FoldHash("KMS:Decrypt") == ascii.FoldHash("kms:decrypt"))
	// Output:
	// true
	// true
}
