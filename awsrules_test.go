package cksiam_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The project cites its reference of AWS rules, docs/aws-rules.md, as
// "aws-rules C.2" (section C.2), and lists of sections as
// "aws-rules C.4, C.5" or "aws-rules H.1 to H.3". Package roles also
// writes them through its helper rules("E.4", "G.3").
var (
	citeRE = regexp.MustCompile(`aws-rules(?:[ \t]*\n[ \t]*//)?[ \t]+([A-Z](?:\.[0-9]+)*)\b((?:(?:,| and| to|, and|/) ?[A-Z](?:\.[0-9]+)*\b)*)`)
	moreRE = regexp.MustCompile(`[A-Z](?:\.[0-9]+)*\b`)
	// The roles helper: rules("E.4", "G.3").
	rulesCallRE = regexp.MustCompile(`\brules\(((?:"[A-Z](?:\.[0-9]+)*"(?:, *)?)+)\)`)
	quotedRE    = regexp.MustCompile(`"([A-Z](?:\.[0-9]+)*)"`)
	// A section heading: "## C. How AWS decides" or "### C.2 One account".
	headingRE = regexp.MustCompile(`^(#{2,3}) ([A-Z](?:\.[0-9]+)?)[. ]`)
)

const awsDocs = "https://docs.aws.amazon.com/"

// citations returns the sections text cites, in order, with repeats.
func citations(text string) []string {
	var out []string
	for _, m := range citeRE.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
		out = append(out, moreRE.FindAllString(m[2], -1)...)
	}
	for _, m := range rulesCallRE.FindAllStringSubmatch(text, -1) {
		for _, q := range quotedRE.FindAllStringSubmatch(m[1], -1) {
			out = append(out, q[1])
		}
	}
	return out
}

// section is one section of docs/aws-rules.md: its ID and its text up to
// the next section heading.
type section struct {
	id, body string
	level    int
}

// sections splits the reference into its sections, in order.
func sections(text string) []section {
	var out []section
	for line := range strings.Lines(text) {
		if m := headingRE.FindStringSubmatch(line); m != nil {
			out = append(out, section{id: m[2], level: len(m[1])})
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].body += line
		}
	}
	return out
}

func TestCitationsAreFoundInEveryForm(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"a single section", "the key policy (aws-rules C.4) decides", []string{"C.4"}},
		{"a letter alone", "see aws-rules I.", []string{"I"}},
		{"a citation across a comment line break", "// the reading (aws-rules\n\t// I.3) holds", []string{"I.3"}},
		{"a list of sections", "(aws-rules C.4, C.5, I)", []string{"C.4", "C.5", "I"}},
		{"a range", "aws-rules H.1 to H.3", []string{"H.1", "H.3"}},
		{"sections joined by and", "aws-rules E.1, E.2, F.2 and G.3", []string{"E.1", "E.2", "F.2", "G.3"}},
		{"sections joined by a slash", "aws-rules E.5/E.6", []string{"E.5", "E.6"}},
		{"a word after the list is not a section", "aws-rules A.6, In short", []string{"A.6"}},
		{"the roles helper", `Rules: rules("E.4", "G.3"),`, []string{"E.4", "G.3"}},
		{"text without a citation", "aws rules C.2 and section C.2", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, citations(tc.text))
		})
	}
}

// repoFiles returns the text of every file of the repository a citation
// can appear in, by slash path.
func repoFiles(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".json", ".txt", ".sh", ".yaml", ".yml":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(path)] = string(b)
		return nil
	})
	require.NoError(t, err)
	return files
}

func TestAWSRulesCitations(t *testing.T) {
	ref, err := os.ReadFile("docs/aws-rules.md")
	require.NoError(t, err, "the project's reference of AWS rules is docs/aws-rules.md")
	secs := sections(string(ref))
	require.NotEmpty(t, secs)
	ids := map[string]bool{}
	for _, s := range secs {
		ids[s.id] = true
	}

	t.Run("every cited section exists in docs/aws-rules.md", func(t *testing.T) {
		files := repoFiles(t)
		total := 0
		var dangling []string
		for path, text := range files {
			for _, id := range citations(text) {
				total++
				if !ids[id] {
					dangling = append(dangling, path+": aws-rules "+id)
				}
			}
		}
		slices.Sort(dangling)
		require.Empty(t, slices.Compact(dangling), "citations of sections docs/aws-rules.md does not have")
		// The code cites the reference hundreds of times; finding almost
		// none means the walk or the pattern broke, not that all is well.
		require.Greater(t, total, 500, "citations found in the repository")
	})

	t.Run("every section names an AWS documentation page", func(t *testing.T) {
		for _, s := range secs {
			require.Contains(t, s.body, awsDocs, "section %s has no %s link", s.id, awsDocs)
		}
	})

	t.Run("section IDs are unique and sit under their letter", func(t *testing.T) {
		seen := map[string]bool{}
		letter := ""
		for _, s := range secs {
			require.False(t, seen[s.id], "section %s appears twice", s.id)
			seen[s.id] = true
			if s.level == 2 {
				require.Len(t, s.id, 1, "a level-2 heading is a letter section: %s", s.id)
				letter = s.id
				continue
			}
			require.True(t, strings.HasPrefix(s.id, letter+"."), "section %s sits under section %s", s.id, letter)
		}
	})
}
