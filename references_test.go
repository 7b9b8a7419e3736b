package cksiam_test

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The repository's comments, messages and documents cite only what a reader
// can follow: docs/aws-rules.md by section, or an AWS documentation page.
// These are the ways notes kept outside the repository used to be cited;
// none may come back. The patterns are assembled from pieces so that this
// file does not match itself.
var outsideReferences = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a section of notes outside the repository (cite a section of docs/aws-rules.md)", regexp.MustCompile(`\b` + "fac" + `ts [A-I](\.[0-9]+)?\b`)},
	{"a notes file outside the repository", regexp.MustCompile(`iam-kms-` + "facts|next-" + `capabilities\.md|shared/` + `(reference|seed)`)},
	{"a mark of the notes (state the reading, in section I of docs/aws-rules.md)", regexp.MustCompile(`\b` + "UNVERI" + `FIED\b`)},
	{"the guide page by a nickname (call it the KMS guide page)", regexp.MustCompile(`(?i)\bthe ` + "se" + `ed(?:'s)? (page|doc|roles?|policies)\b|\b` + "se" + `ed page\b`)},
	{"a path of the machine the code was written on", regexp.MustCompile(`(^|[\s"'(])/` + "wo" + `rk/`)},
}

func TestNoReferencesOutsideTheRepository(t *testing.T) {
	files := repoFiles(t)
	for _, ref := range outsideReferences {
		t.Run("no "+ref.what, func(t *testing.T) {
			var found []string
			for path, text := range files {
				for i, line := range strings.Split(text, "\n") {
					if ref.re.MatchString(line) {
						found = append(found, path+":"+strconv.Itoa(i+1)+": "+strings.TrimSpace(line))
					}
				}
			}
			slices.Sort(found)
			require.Empty(t, found)
		})
	}
}

func TestOutsideReferencePatternsMatchWhatTheyAreFor(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"// the key policy decides (" + "fac" + "ts C.4)", true},
		{"// the key policy decides (aws-rules C.4)", false},
		{"// evaluate.KeyFacts are what DescribeKey says", false},
		{"see ../" + "shared/" + "reference/iam-kms-" + "facts.md", true},
		{"// (aws-rules G.1, " + "UNVERI" + "FIED)", true},
		{"// principals of the " + "se" + "ed page as policies", true},
		{"// the same seed always gives the same cases", false},
		{"read /" + "wo" + "rk/shared/x", true},
		{"https://example.com/work/x", false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got := false
			for _, ref := range outsideReferences {
				got = got || ref.re.MatchString(tc.text)
			}
			require.Equal(t, tc.want, got)
		})
	}
}
