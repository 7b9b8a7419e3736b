package difftest

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Deviation is a known place where the oracle differs from AWS. It excuses a
// disagreement on every case that carries all of its Tags (and, when given,
// where the two engines decided as Oracle and Ours say), so the list stays
// meaningful whatever seed produced the cases.
type Deviation struct {
	// ID names the deviation.
	ID string `json:"id"`
	// Tags must all be on a case for the deviation to apply. The generator
	// attaches them exactly where a case exercises the feature.
	Tags []string `json:"tags"`
	// Oracle, when not empty, limits the deviation to cases the oracle
	// decided as one of these.
	Oracle []Decision `json:"oracle,omitempty"`
	// Ours, when not empty, limits the deviation to cases this engine
	// decided as one of these.
	Ours []Decision `json:"ours,omitempty"`
	// IgnoredKeys says the oracle is known to drop these context keys
	// (lower-case prefixes) as unknown, on any case. Dropping a key no
	// condition tests is harmless; where a condition tests it, the case
	// carries Tags and the decisions are excused there.
	IgnoredKeys []string `json:"ignoredKeys,omitempty"`
	// OracleError, when set, excuses the cases (carrying Tags) that the
	// oracle refused to decide with an error whose detail contains this
	// text, where this engine decided them: the oracle could not compare,
	// and the case is counted as a known deviation, never as agreement.
	OracleError string `json:"oracleError,omitempty"`
	// Rewrite, when set, names an equivalent rewrite (see OracleView) that
	// the oracle reads correctly. Such a deviation excuses nothing: the
	// oracle is given the rewritten case and the decisions must agree.
	Rewrite string `json:"rewrite,omitempty"`
	// Rule cites the AWS rule that decides these cases: a section of docs/aws-rules.md and
	// an AWS documentation URL.
	Rule string `json:"rule"`
	// Reason says why the oracle is wrong there.
	Reason string `json:"reason"`
}

// LoadDeviations reads and checks a deviations file: a JSON array of
// Deviation.
func LoadDeviations(path string) ([]Deviation, error) {
	var ds []Deviation
	if err := readJSON(path, &ds); err != nil {
		return nil, err
	}
	if err := CheckDeviations(ds); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ds, nil
}

// CheckDeviations reports the first entry that is incomplete: every
// deviation needs a unique ID, at least one tag, a Rule and a Reason, and
// only the three decisions in Oracle and Ours.
func CheckDeviations(ds []Deviation) error {
	seen := map[string]bool{}
	for i, d := range ds {
		at := fmt.Sprintf("[%d] %q", i, d.ID)
		switch {
		case d.ID == "":
			return fmt.Errorf("[%d]: missing id", i)
		case seen[d.ID]:
			return fmt.Errorf("%s: duplicate id", at)
		case len(d.Tags) == 0:
			return fmt.Errorf("%s: no tags: a deviation must be described by a rule that matches cases", at)
		case strings.TrimSpace(d.Rule) == "":
			return fmt.Errorf("%s: missing rule: cite the AWS rule that decides these cases", at)
		case strings.TrimSpace(d.Reason) == "":
			return fmt.Errorf("%s: missing reason", at)
		}
		if _, ok := rewrites[d.Rewrite]; d.Rewrite != "" && !ok {
			return fmt.Errorf("%s: unknown rewrite %q", at, d.Rewrite)
		}
		for _, dec := range append(append([]Decision{}, d.Oracle...), d.Ours...) {
			if dec != Allowed && dec != ExplicitDeny && dec != ImplicitDeny {
				return fmt.Errorf("%s: unknown decision %q", at, dec)
			}
		}
		seen[d.ID] = true
	}
	return nil
}

// Applies reports whether d covers case c.
func (d *Deviation) Applies(c *Case) bool {
	for _, t := range d.Tags {
		if !c.HasTag(t) {
			return false
		}
	}
	return true
}

// Excuses reports whether d excuses the two engines deciding c as oracle
// and ours. A deviation with a Rewrite excuses nothing; one with an
// OracleError excuses only an oracle error.
func (d *Deviation) Excuses(c *Case, oracle, ours Decision) bool {
	return d.Rewrite == "" && d.OracleError == "" && d.Applies(c) && within(oracle, d.Oracle) && within(ours, d.Ours)
}

// ExcusesOracleError reports whether d excuses the oracle's refusing c
// with detail, where this engine decided ours.
func (d *Deviation) ExcusesOracleError(c *Case, detail string, ours Decision) bool {
	return d.OracleError != "" && ours != Error && strings.Contains(detail, d.OracleError) && d.Applies(c) && within(ours, d.Ours)
}

func within(dec Decision, set []Decision) bool {
	if len(set) == 0 {
		return true
	}
	for _, s := range set {
		if s == dec {
			return true
		}
	}
	return false
}

// ignoresKeys reports whether every context key the oracle's note says it
// ignored is one a deviation expects it to drop.
func ignoresKeys(detail string, ds []Deviation) bool {
	const prefix = "ignored context keys: "
	i := strings.Index(detail, prefix)
	if i < 0 {
		return true
	}
	list := detail[i+len(prefix):]
	if j := strings.Index(list, ";"); j >= 0 {
		list = list[:j]
	}
	for _, k := range strings.Split(list, ",") {
		excused := false
		for di := range ds {
			for _, p := range ds[di].IgnoredKeys {
				if strings.HasPrefix(strings.ToLower(k), p) {
					excused = true
				}
			}
		}
		if !excused {
			return false
		}
	}
	return true
}

// errUnknownCase is returned when a result names a case that is not in the
// case list.
var errUnknownCase = errors.New("result for an unknown case")

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
