package difftest

import (
	"fmt"
	"strings"
)

// Outcome is how both engines decided one case.
type Outcome struct {
	Case         *Case    // the case compared
	Oracle       Decision // the oracle's decision
	OracleDetail string   // the oracle's Result.Detail
	Ours         Decision // evaluate's decision
	OursDetail   string   // evaluate's Result.Detail
	// Deviation is the ID of the deviation that excused a disagreement.
	Deviation string
}

// Report is the result of comparing two engines over a case set.
type Report struct {
	Cases int // how many cases were compared
	// Agree counts cases where both engines gave the same decision.
	Agree int
	// Known are disagreements excused by a deviation.
	Known []Outcome
	// Disagreements are disagreements no deviation excuses, cases either
	// engine could not decide, and cases where the oracle dropped context
	// keys it was not known to drop (a sign that the generator made a case
	// AWS would never see).
	Disagreements []Outcome
	// Hits counts excused disagreements per deviation ID.
	Hits map[string]int
}

// Compare matches the two engines' results to the cases and sorts every
// case into agreement, known deviation or disagreement. Both result lists
// must decide every case exactly once.
func Compare(cases []Case, oracle, ours []Result, ds []Deviation) (*Report, error) {
	if err := CheckDeviations(ds); err != nil {
		return nil, err
	}
	or, err := index(cases, oracle, "oracle")
	if err != nil {
		return nil, err
	}
	us, err := index(cases, ours, "ours")
	if err != nil {
		return nil, err
	}
	rep := &Report{Cases: len(cases), Hits: map[string]int{}}
	for i := range cases {
		c := &cases[i]
		o := Outcome{Case: c, Oracle: or[c.ID].Decision, OracleDetail: or[c.ID].Detail, Ours: us[c.ID].Decision, OursDetail: us[c.ID].Detail}
		switch {
		case o.Oracle == Error && o.Ours != Error:
			for di := range ds {
				if ds[di].ExcusesOracleError(c, o.OracleDetail, o.Ours) {
					o.Deviation = ds[di].ID
					break
				}
			}
			if o.Deviation == "" {
				rep.Disagreements = append(rep.Disagreements, o)
			} else {
				rep.Known = append(rep.Known, o)
				rep.Hits[o.Deviation]++
			}
		case o.Oracle == Error || o.Ours == Error:
			rep.Disagreements = append(rep.Disagreements, o)
		case !ignoresKeys(o.OracleDetail, ds):
			rep.Disagreements = append(rep.Disagreements, o)
		case o.Oracle == o.Ours:
			rep.Agree++
		default:
			for di := range ds {
				if ds[di].Excuses(c, o.Oracle, o.Ours) {
					o.Deviation = ds[di].ID
					break
				}
			}
			if o.Deviation == "" {
				rep.Disagreements = append(rep.Disagreements, o)
			} else {
				rep.Known = append(rep.Known, o)
				rep.Hits[o.Deviation]++
			}
		}
	}
	return rep, nil
}

func index(cases []Case, rs []Result, who string) (map[string]Result, error) {
	m := make(map[string]Result, len(rs))
	for _, r := range rs {
		if _, dup := m[r.ID]; dup {
			return nil, fmt.Errorf("%s: case %q decided twice", who, r.ID)
		}
		m[r.ID] = r
	}
	if len(m) != len(cases) {
		return nil, fmt.Errorf("%s: %d results for %d cases: %w", who, len(m), len(cases), errUnknownCase)
	}
	for i := range cases {
		if _, ok := m[cases[i].ID]; !ok {
			return nil, fmt.Errorf("%s: no result for case %q", who, cases[i].ID)
		}
	}
	return m, nil
}

// OK reports whether the run passes: no unexcused disagreement.
func (r *Report) OK() bool { return len(r.Disagreements) == 0 }

// Summary returns the one-line summary, e.g.
// "difftest: 5000 cases, 4990 agree, 10 known deviations, 0 disagreements".
func (r *Report) Summary() string {
	return fmt.Sprintf("difftest: %d cases, %d agree, %d known deviations, %d disagreements",
		r.Cases, r.Agree, len(r.Known), len(r.Disagreements))
}

// Details returns a readable account of the deviation hits and of every
// disagreement, each with its case as JSON, at most limit disagreements.
func (r *Report) Details(limit int) string {
	var sb strings.Builder
	for _, id := range sortedKeys(r.Hits) {
		fmt.Fprintf(&sb, "known deviation %s: %d cases\n", id, r.Hits[id])
	}
	for i, o := range r.Disagreements {
		if i == limit {
			fmt.Fprintf(&sb, "... and %d more disagreements\n", len(r.Disagreements)-limit)
			break
		}
		fmt.Fprintf(&sb, "DISAGREE %s: oracle %s%s, ours %s%s; tags %s\n", o.Case.ID,
			o.Oracle, note(o.OracleDetail), o.Ours, note(o.OursDetail), strings.Join(o.Case.Tags, ","))
		var js strings.Builder
		if err := WriteJSON(&js, o.Case); err == nil {
			sb.WriteString(js.String())
		}
	}
	return sb.String()
}

func note(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}
