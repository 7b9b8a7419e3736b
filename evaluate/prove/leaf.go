package prove

import (
	"slices"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy/value"
)

// leaf turns the narrowed dimensions into one concrete request and asks
// the evaluator whether it is a counterexample. Every request in the
// narrowed product is one, by the model; the evaluator has the last word.
func (sr *searcher) leaf(st state) bool {
	r, ok := sr.realize(st)
	if !ok {
		// realize reads the variables of an opaque Resource element one
		// way (a key absent, so its default; or the first value the state
		// allows); another reading may realize the state, so the state is
		// not shown empty (a Deny on "b/${aws:PrincipalTag/team, 'x'}/*"
		// does not cover b/x/o for a caller tagged team=y).
		for d := range sr.pb.opaqueRes {
			if m := st.m[d]; m.has(0) != m.has(1) {
				sr.unsure++
				break
			}
		}
		return false
	}
	if !timesAgree(r.Context) {
		// aws:CurrentTime and aws:EpochTime are one instant in any real
		// request; the prover treats them apart, so such a request is no
		// counterexample.
		sr.related++
		return false
	}
	if a, changed, ok := sr.agreeing(r); !ok || changed {
		// The model's request gives an encryption context's (or request
		// tags') names and values apart; only the request made to agree
		// is one AWS could make.
		if ok && sr.confirm(&a) {
			sr.found = sr.identified(a)
			return true
		}
		sr.related++
		return false
	}
	if sr.confirm(&r) {
		sr.found = sr.identified(r)
		return true
	}
	if sr.pb.nOpaque > 0 {
		if r2, ok := sr.repair(st, r); ok && timesAgree(r2.Context) && sr.confirm(&r2) {
			sr.found = sr.identified(r2)
			return true
		}
		sr.unsure++
	} else {
		sr.disagree++
		if sr.disagreed == nil {
			sr.disagreed = &r
		}
	}
	return false
}

// realize picks a request from the state: an action class that may carry
// the keys the state requires and that takes a resource meeting the
// state's constraints. A Resource element with variables the shape does
// not fix (an opaque dimension) is substituted with the request chosen so
// far, and the resource is made to match it or not as the state says.
func (sr *searcher) realize(st state) (evaluate.Request, bool) {
	pb := sr.pb
	ct := sr.ct
	masks := st.m
	need := make([]bool, len(pb.keyOrder))
	for i := range pb.keyOrder {
		need[i] = !masks[dKeys+i].has(0)
	}
	// Keys an opaque Resource element that must match reads as variables:
	// give them a value when the state lets them have one.
	prefer := map[string]bool{}
	for d, s := range pb.opaqueRes {
		if m := masks[d]; m.has(1) != m.has(0) && m.has(1) != s.notRes {
			for _, r := range s.res {
				if r.vars != nil {
					for _, k := range r.vars.t.keys() {
						prefer[k] = true
					}
				}
			}
		}
	}
	pi := first(masks[dPrin])
	if pi < 0 {
		return evaluate.Request{}, false
	}
	pt := &ct.points[pi]
	for ci := range pb.act.classes {
		if !masks[dAct].has(ci) {
			continue
		}
		c := &pb.act.classes[ci]
		ok := true
		for i, n := range need {
			if n && !c.carried.has(i) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		r := evaluate.Request{Principal: pt.p.raw(), Action: c.rep}
		for i, k := range pb.keyOrder {
			m := masks[dKeys+i]
			v := first(m)
			if prefer[k.lower] && c.carried.has(i) {
				for j := 1; j < len(k.vals); j++ {
					if m.has(j) {
						v = j
						break
					}
				}
			}
			if v <= 0 {
				continue
			}
			if r.Context == nil {
				r.Context = evaluate.Context{}
			}
			r.Context[k.name] = append([]string(nil), k.vals[v]...)
		}
		r.Context = pb.giveUntested(r.Context, st, pt.p.kind)
		rc, ok := sr.substituted(st, pt, c, r.Context)
		if !ok {
			continue
		}
		action, res, found, err := sr.resourceFor(ci, rc)
		if err != nil {
			sr.over = true
			return evaluate.Request{}, false
		}
		if !found {
			continue
		}
		r.Action, r.Resource = action, res
		if ct.req == reqStar || ct.req == reqPlain && ct.src == srcEmpty {
			if !ct.kind.hasAccount() || ct.ra != ct.pa {
				r.ResourceAccount = ct.ra
			}
		}
		return r, true
	}
	return evaluate.Request{}, false
}

// substituted adds to the state's resource constraints those of the
// opaque Resource elements, with their variables substituted from the
// request being built.
func (sr *searcher) substituted(st state, pt *point, c *actClass, ctx evaluate.Context) ([]int32, bool) {
	pb := sr.pb
	rc := st.rc
	for d, s := range pb.opaqueRes {
		m := st.m[d]
		if m.has(0) == m.has(1) {
			continue
		}
		look := func(key string) ([]string, bool) {
			lk := lowerKey(key)
			if impliedHere(lk, pt.p.kind) {
				if v, ok := impliedValue(lk, pt.p, &pt.c, c.attrs.svc, sr.ct.ra); ok {
					return []string{v}, true
				}
				return nil, false
			}
			v, ok := ctx.Lookup(key)
			return v, ok && len(v) > 0
		}
		var encs []string
		for _, r := range s.res {
			switch {
			case r.vars == nil:
				encs = append(encs, pb.res.pats[r.atom]...)
			default:
				if enc, ok := r.vars.t.encoded(look); ok {
					encs = append(encs, r.vars.prefix+enc)
				}
			}
		}
		match := m.has(1) != s.notRes
		if len(encs) == 0 {
			if match {
				return nil, false
			}
			continue
		}
		cons := int32(pb.res.patterns(encs))
		if !match {
			cons = ^cons
		}
		var ok bool
		if rc, ok = withCons(rc, cons); !ok {
			return nil, false
		}
	}
	return rc, true
}

// resourceFor finds a resource of action class ci meeting the
// constraints, with the member action that takes it: any resource for an
// action the catalog does not list (a key, not an alias, for kms), "*" for
// a wildcard-only action, else an ARN of one of its formats (the format's
// example ARN when it meets the constraints). Answers are cached per class
// and constraints.
func (sr *searcher) resourceFor(ci int, rc []int32) (action, res string, ok bool, err error) {
	pb := sr.pb
	k := itoa(ci) + "|" + sr.ct.ra + "|" + consKey(rc)
	if f, hit := pb.fits[k]; hit {
		return f.action, f.res, f.ok, nil
	}
	c := &pb.act.classes[ci]
	d := pb.res
	try := func(extra ...int32) (string, bool, error) {
		list := rc
		for _, e := range extra {
			var fine bool
			if list, fine = withCons(list, e); !fine {
				return "", false, nil
			}
		}
		return d.sat(list, pb.bud)
	}
	answer := fitResult{}
	switch {
	case c.open || !c.useCatalog:
		var w string
		var found bool
		if c.attrs.svc == "kms" {
			w, found, err = try(^int32(d.aAlias))
		} else {
			w, found, err = try()
		}
		answer = fitResult{action: c.rep, res: w, ok: found}
	case c.wildOnly:
		var found bool
		_, found, err = try(int32(d.aStar))
		answer = fitResult{action: c.rep, res: "*", ok: found}
	default:
		// Some resource meets the constraints (else no format can), and
		// the formats that look like it are tried first: a class of many
		// actions has thousands of formats, each an automaton to build.
		var w0 string
		var any bool
		if w0, any, err = try(); err != nil || !any {
			break
		}
		for _, cf := range orderFormats(c.formatSets(pb.ix), w0) {
			if ex := formatExample(cf.f, pb.parts[0], sr.ct.ra); d.meets(rc, ex) {
				answer = fitResult{action: cf.rep, res: ex, ok: true}
				break
			}
			var w string
			var found bool
			if w, found, err = try(int32(d.format(cf.f))); err != nil {
				return "", "", false, err
			}
			if found {
				answer = fitResult{action: cf.rep, res: w, ok: true}
				break
			}
		}
	}
	if err != nil {
		return "", "", false, err
	}
	if answer.ok {
		answer.res = realisticKey(d, rc, answer.res)
	}
	pb.fits[k] = answer
	return answer.action, answer.res, answer.ok, nil
}

// exampleKeyIDs are key IDs as KMS makes them, a key's and a multi-Region
// key's (docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id).
var exampleKeyIDs = []string{"1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab"}

// realisticKey makes a KMS key ARN the search chose (the shortest member of
// its cell, such as arn:aws:kms:us-east-1:111122223333:key/x) name a key
// ID as KMS writes one, when such an ARN meets the same constraints; any
// member of the constraints is as good a counterexample, and a user reads
// and reuses the realistic one.
func realisticKey(d *resDim, rc []int32, res string) string {
	i := strings.Index(res, ":key/")
	if !strings.HasPrefix(res, "arn:") || i < 0 || strings.Count(res[:i], ":") != 4 {
		return res
	}
	parts := strings.SplitN(res[:i], ":", 5) // arn, partition, kms, Region, account
	regions := []string{parts[3]}
	if !regionLike(parts[3]) {
		regions = []string{"us-east-1", parts[3]}
	}
	ids := []string{res[i+len(":key/"):]}
	if !slices.Contains(exampleKeyIDs, ids[0]) {
		ids = append(append([]string(nil), exampleKeyIDs...), ids[0])
	}
	for _, rg := range regions {
		for _, id := range ids {
			c := strings.Join(parts[:3], ":") + ":" + rg + ":" + parts[4] + ":key/" + id
			if c == res || d.meets(rc, c) {
				return c
			}
		}
	}
	return res
}

// regionLike reports whether s is shaped as AWS Region codes are
// (us-east-1, ap-southeast-2, us-gov-west-1).
func regionLike(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 || len(parts[0]) != 2 {
		return false
	}
	last := parts[len(parts)-1]
	if last == "" || strings.Trim(last, "0123456789") != "" {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if p == "" || strings.Trim(p, "abcdefghijklmnopqrstuvwxyz") != "" {
			return false
		}
	}
	return true
}

// classFormat is one ARN format of an action class, with the action that
// takes it.
type classFormat struct{ f, rep string }

// orderFormats lists a class's formats, those whose shape matches w (a
// resource that meets the constraints) first, then those of w's service,
// then the others, each group in the catalog's order. The order only
// decides which fitting format is found first.
func orderFormats(sets []fset, w string) []classFormat {
	var first, second, rest []classFormat
	svc := arnField(w, 2)
	for _, fs := range sets {
		for _, f := range fs.formats {
			cf := classFormat{f, fs.rep}
			switch {
			case glob.Match(formatGlob(f), w):
				first = append(first, cf)
			case svc != "" && arnField(f, 2) == svc:
				second = append(second, cf)
			default:
				rest = append(rest, cf)
			}
		}
	}
	return append(append(first, second...), rest...)
}

// formatGlob reads an ARN format as a pattern: each ${…} any text.
func formatGlob(f string) string {
	var b strings.Builder
	for {
		i := strings.Index(f, "${")
		if i < 0 {
			b.WriteString(f)
			return b.String()
		}
		j := strings.IndexByte(f[i:], '}')
		if j < 0 {
			b.WriteString(f)
			return b.String()
		}
		b.WriteString(f[:i])
		b.WriteByte('*')
		f = f[i+j+1:]
	}
}

// arnField is field n of an ARN (2: the service), or "".
func arnField(s string, n int) string {
	parts := strings.SplitN(s, ":", n+2)
	if len(parts) < n+2 || parts[0] != "arn" {
		return ""
	}
	return parts[n]
}

type fitResult struct {
	res, action string
	ok          bool
}

// confirm decides r with the evaluator and reports whether it is a
// counterexample of the question.
func (sr *searcher) confirm(r *evaluate.Request) bool {
	pb := sr.pb
	if sr.inQuestion != nil && !sr.inQuestion(r, sr.ct) {
		return false
	}
	d, err := pb.sides[0].ev.Decide(*r)
	if err != nil || d != evaluate.Allowed {
		return false
	}
	if sr.goal == goalNewAccess {
		o, err := pb.sides[1].ev.Decide(*r)
		if err != nil || o == evaluate.Allowed {
			return false
		}
	}
	return true
}

// timesAgree reports whether a context's aws:CurrentTime and aws:EpochTime,
// when it gives both, are the same instant.
func timesAgree(ctx evaluate.Context) bool {
	var ct, et []string
	for k, v := range ctx {
		switch ascii.ToLower(k) {
		case "aws:currenttime":
			ct = v
		case "aws:epochtime":
			et = v
		}
	}
	if len(ct) != 1 || len(et) != 1 {
		return true
	}
	a, err1 := value.ReadDate(ct[0])
	b, err2 := value.ReadDate(et[0])
	return err1 == nil && err2 == nil && !a.Ambiguous() && !b.Ambiguous() && a.At.Compare(b.At) == 0
}

// first returns the least member of b, or -1.
func first(b bitset) int {
	for w, x := range b {
		if x != 0 {
			return w*64 + trailing(x)
		}
	}
	return -1
}

// Unique IDs as AWS documents them for an IAM user and a role (the
// example IDs of the IAM User Guide's "IAM identifiers" page,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
const (
	exampleUserID = "AIDACKCEVSQ6C2EXAMPLE"
	exampleRoleID = "AROADBQP57FF2AEXAMPLE"
)

// identified returns the confirmed counterexample r with aws:userid as AWS
// sends it for an IAM user (the user's unique ID) or a role session (the
// role's unique ID, a colon and the session name) when r does not give
// one: the evaluator implies aws:userid only for the root user and a
// federated user. The ID is added only when the request with it is still
// a counterexample; otherwise r is kept as it is.
func (sr *searcher) identified(r evaluate.Request) *evaluate.Request {
	var id string
	switch p := r.Principal; {
	case strings.Contains(p, ":iam::") && strings.Contains(p, ":user/"):
		id = exampleUserID
	case strings.Contains(p, ":sts::") && strings.Contains(p, ":assumed-role/"):
		id = exampleRoleID + ":" + p[strings.LastIndexByte(p, '/')+1:]
	default:
		return &r
	}
	for k := range r.Context {
		if lowerKey(k) == "aws:userid" {
			return &r
		}
	}
	w := r
	w.Context = evaluate.Context{}
	for k, v := range r.Context {
		w.Context[k] = v
	}
	w.Context["aws:userid"] = []string{id}
	if !sr.confirm(&w) {
		return &r
	}
	return &w
}
