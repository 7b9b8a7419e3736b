package managedpolicies_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

var update = flag.Bool("update", false, "rewrite testdata/findings.golden from the corpus")

const goldenPath = "testdata/findings.golden"

// TestEveryManagedPolicyVersion reads every version of every AWS managed
// policy: each parses; writing it back and parsing again gives the same
// document and the same text (a fixed point); Validate with the catalog
// never panics; evaluate.Compile accepts it (AWS stores it, so a refusal
// would be our error); and the findings, counted by code, match the
// golden summary, so a change that moves them shows in review. The golden
// summary also lists every document evaluate.Compile refuses: AWS stores
// them, so each is a gap of the engine to close, never a silent one.
func TestEveryManagedPolicyVersion(t *testing.T) {
	policies := managedpolicies.ForTest(t)
	cat := catalog.Default()
	sum := newSummary()
	for _, p := range policies {
		for _, v := range p.Versions {
			name := p.Name + "@" + v.ID
			sum.documents++
			doc, err := policy.Parse(v.Document)
			if err != nil {
				t.Errorf("%s does not parse: %v", name, err)
				continue
			}
			requireFixedPoint(t, name, doc)
			findings := validate(t, name, doc, cat)
			for _, f := range findings {
				sum.add(f, name)
			}
			if _, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Document{doc}}); err != nil {
				// AWS stores these documents, so a refusal is the engine's
				// gap; the golden summary lists each one so that none is
				// added unnoticed and each one fixed shows.
				sum.refused = append(sum.refused, name+": "+err.Error())
			}
		}
	}
	sum.policies = len(policies)
	got := sum.String()
	if *update {
		require.NoError(t, os.WriteFile(goldenPath, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(goldenPath)
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("findings on the AWS managed policies moved (-golden +now); if the change is intended, run with -update and review:\n%s", diff)
	}
}

// requireFixedPoint checks that Compact and Format output parses back to
// the same document and writes the same text again.
func requireFixedPoint(t *testing.T, name string, doc *policy.Document) {
	t.Helper()
	for _, write := range []struct {
		form string
		fn   func(*policy.Document) ([]byte, error)
	}{{"Compact", (*policy.Document).Compact}, {"Format", (*policy.Document).Format}} {
		out, err := write.fn(doc)
		if err != nil {
			t.Errorf("%s: %s: %v", name, write.form, err)
			return
		}
		again, err := policy.Parse(out)
		if err != nil {
			t.Errorf("%s: the %s output does not parse: %v", name, write.form, err)
			return
		}
		if diff := cmp.Diff(doc, again); diff != "" {
			t.Errorf("%s: the %s output parses to another document (-first +again):\n%s", name, write.form, diff)
			return
		}
		out2, err := write.fn(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Errorf("%s: %s is not a fixed point", name, write.form)
		}
	}
}

// validate runs Validate with the catalog as an identity policy, turning a
// panic into a test error.
func validate(t *testing.T, name string, doc *policy.Document, cat *catalog.Catalog) (findings []policy.Finding) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: Validate panics: %v", name, r)
		}
	}()
	return policy.Validate(doc, policy.IdentityPolicy, policy.WithChecker(cat))
}

// summary counts findings by severity and code, with the documents they
// occur in.
type summary struct {
	policies, documents int
	byCode              map[string]*codeCount
	refused             []string // documents evaluate.Compile refuses, with its error
}

type codeCount struct {
	findings int
	docs     map[string]bool
}

func newSummary() *summary { return &summary{byCode: map[string]*codeCount{}} }

func (s *summary) add(f policy.Finding, doc string) {
	key := f.Severity.String() + " " + f.Code
	c := s.byCode[key]
	if c == nil {
		c = &codeCount{docs: map[string]bool{}}
		s.byCode[key] = c
	}
	c.findings++
	c.docs[doc] = true
}

// String writes the summary: one line per severity and code with the
// number of findings and of documents, and the first documents by name.
func (s *summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Validate (identity policy, with the catalog) on every version of every AWS managed policy.\n")
	fmt.Fprintf(&b, "# Regenerate: CKSIAM_MANAGED_POLICIES=DIR go test ./internal/managedpolicies/ -run TestEveryManagedPolicyVersion -update\n")
	fmt.Fprintf(&b, "policies %d, documents %d\n", s.policies, s.documents)
	keys := make([]string, 0, len(s.byCode))
	for k := range s.byCode {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := s.byCode[k]
		docs := make([]string, 0, len(c.docs))
		for d := range c.docs {
			docs = append(docs, d)
		}
		slices.Sort(docs)
		if len(docs) > 3 {
			docs = append(docs[:3], "…")
		}
		fmt.Fprintf(&b, "%s: %d findings in %d documents (%s)\n", k, c.findings, len(c.docs), strings.Join(docs, ", "))
	}
	fmt.Fprintf(&b, "evaluate.Compile refuses %d documents\n", len(s.refused))
	for _, r := range s.refused {
		fmt.Fprintf(&b, "refused %s\n", r)
	}
	return b.String()
}
