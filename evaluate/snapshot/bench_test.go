package snapshot

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// quotaConfig is an account at AWS's default quotas: 1,000 roles, 1,500
// customer managed policies, 50 users in 10 groups, one key with 1,000
// grants, three SCP levels
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
var quotaConfig = genConfig{seed: 42, roles: 1000, policies: 1500, users: 50, groups: 10, grants: 1000, scpLevels: 3,
	attachPerRole: 10, statementsPerDoc: 8, serviceLinked: 20, boundaryEveryNth: 10}

// BenchmarkWhoCanQuotas asks about every kms action that takes a key, on
// one key of an account at the default quotas.
func BenchmarkWhoCanQuotas(b *testing.B) { benchWhoCan(b, quotaConfig) }

// BenchmarkWhoCanQuotasFreeKeys is the same account with a third of the
// conditions on keys the snapshot does not fix (kms:ViaService,
// aws:SourceIp, aws:MultiFactorAuthPresent), which WhoCan decides by its
// bounds and witnesses.
func BenchmarkWhoCanQuotasFreeKeys(b *testing.B) {
	cfg := quotaConfig
	cfg.freeKeys = true
	benchWhoCan(b, cfg)
}

func benchWhoCan(b *testing.B, cfg genConfig) {
	g := genSnapshot(b, cfg)
	a, err := LoadFS(g.files)
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		rep, err := a.WhoCan(g.key, nil)
		if err != nil || len(rep.Access) == 0 {
			b.Fatal(err, len(rep.Access))
		}
	}
	reportCPU(b, start)
}

// BenchmarkLoadQuotas reads the same account's snapshot files.
func BenchmarkLoadQuotas(b *testing.B) {
	g := genSnapshot(b, quotaConfig)
	var size int
	for _, f := range g.files {
		size += len(f.Data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		if _, err := LoadFS(g.files); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
