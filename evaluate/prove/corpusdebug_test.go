package prove

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
)

func TestCorpusDebug(t *testing.T) {
	name := os.Getenv("DBG_POLICY")
	if name == "" {
		t.Skip()
	}
	ps := managedpolicies.ForTest(t)
	for _, p := range ps {
		if p.Name != name {
			continue
		}
		for i := 1; i < len(p.Versions); i++ {
			prev, _ := policy.Parse(p.Versions[i-1].Document)
			next, _ := policy.Parse(p.Versions[i].Document)
			s := time.Now()
			pb, err := newProblem(readOptions(nil), frameIdentity, []evaluate.Policies{raw(Identity, next), raw(Identity, prev)}, nil, nil, nil)
			if err != nil {
				fmt.Println(p.Versions[i].ID, "build error", err, time.Since(s))
				continue
			}
			fmt.Println(p.Versions[i].ID, "build", time.Since(s), "res", len(pb.res.atoms), "prin", len(pb.prin.cells), pb.prin.visited, "acts", len(pb.act.classes), "keys", len(pb.keyOrder), "opaque", pb.nOpaque, "used", pb.bud.used)
			for _, k := range pb.keyOrder {
				fmt.Println("   key", k.name, len(k.vals))
			}
			s = time.Now()
			r, err := NoNewAccess(Identity, prev, next)
			fmt.Println("  ", r.Verdict, r.Reason, r.Detail, r.Steps, time.Since(s), err)
		}
	}
}
