package prove

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

func mustDoc(t *testing.T, s string) *policy.Document {
	d, err := policy.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSmoke(t *testing.T) {
	a := mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:111122223333:key/*"}]}`)
	b := mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`)
	s3 := mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::data/*"}]}`)
	key := mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`)
	keyStar := mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}`)
	run := func(name string, f func() (Result, error)) {
		f()
		start := cpuNow()
		r, err := f()
		fmt.Printf("%s: %v %s %s err=%v steps=%d cpu=%v\n", name, r.Verdict, r.Reason, r.Detail, err, r.Steps, cpuNow()-start)
		if r.Witness != nil {
			fmt.Printf("   witness %+v\n", *r.Witness)
		}
	}
	run("same", func() (Result, error) { return NoNewAccess(Identity, a, a) })
	run("wider", func() (Result, error) { return NoNewAccess(Identity, a, b) })
	run("narrower", func() (Result, error) { return NoNewAccess(Identity, b, a) })
	run("listbuckets", func() (Result, error) { return AccessNotGranted(Identity, s3, []string{"s3:ListAllMyBuckets"}, nil) })
	run("getobject", func() (Result, error) { return AccessNotGranted(Identity, s3, []string{"s3:GetObject"}, nil) })
	run("ext-root", func() (Result, error) { return NoExternalAccess(KeyPolicy, key, "111122223333") })
	run("ext-star", func() (Result, error) { return NoExternalAccess(KeyPolicy, keyStar, "111122223333") })
	run("key-same", func() (Result, error) { return NoNewAccess(KeyPolicy, key, key) })
	run("key-wider", func() (Result, error) { return NoNewAccess(KeyPolicy, key, keyStar) })
}

func TestSizes(t *testing.T) {
	a := mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:111122223333:key/*"}]}`)
	for _, f := range []frame{frameIdentity, frameKey} {
		pb, err := newProblem(readOptions(nil), f, []evaluate.Policies{raw(Identity, a)}, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("res", len(pb.res.cells), pb.res.visited, len(pb.res.b.out), "prin", len(pb.prin.cells), pb.prin.visited, len(pb.prin.b.out), "acts", len(pb.act.classes))
	}
}

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
