package catalog

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// BenchmarkLoad measures a first load of the embedded data, and reports
// the heap the loaded catalog holds ("heap-MB").
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var c *Catalog
	for b.Loop() {
		var err error
		c, err = Load(bytes.NewReader(embedded))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(heapHeldMB(func() any { c2, _ := Load(bytes.NewReader(embedded)); return c2 }), "heap-MB")
	runtime.KeepAlive(c)
}

// heapHeldMB returns how much live heap the value made by f keeps.
func heapHeldMB(f func() any) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
}

func TestHeapHeldByTheLoadedCatalogIsLogged(t *testing.T) {
	mb := heapHeldMB(func() any { c, _ := Load(bytes.NewReader(embedded)); return c })
	t.Logf("heap held by a loaded catalog: %.1f MB", mb)
}

func BenchmarkAction(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.Action("kms:CreateCustomKeyStore"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkActionMixedCase(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.Action("KMS:createcustomkeystore"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkExpandAll(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		if len(c.Expand("*")) < 20000 {
			b.Fatal("short")
		}
	}
}

func BenchmarkExpandAcrossServices(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Expand("*:*CustomKeyStore*")
	}
}

func BenchmarkExpandService(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Expand("kms:*Key*")
	}
}

func BenchmarkConditionKeyTemplate(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.ConditionKey("kms:EncryptionContext:Department")
	}
}

func BenchmarkCheckKeyPolicyStatement(b *testing.B) {
	c := Default()
	doc := allow(acts("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"),
		acts("arn:aws:kms:*:111122223333:key/*"),
		policy.NewCondition("StringEquals", "kms:ViaService", "s3.us-east-1.amazonaws.com").
			With("StringEquals", "kms:EncryptionContext:Department", "IT"))
	b.ReportAllocs()
	for b.Loop() {
		c.Check(doc, policy.IdentityPolicy)
	}
}

func BenchmarkCheckStarAction(b *testing.B) {
	c := Default()
	doc := allow(acts("*"), acts("arn:aws:s3:::amzn-s3-demo-bucket/*"), policy.NewCondition("StringEquals", "s3:prefix", "home/"))
	b.ReportAllocs()
	for b.Loop() {
		c.Check(doc, policy.IdentityPolicy)
	}
}
