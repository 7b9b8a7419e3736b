package prove

import "testing"

func BenchmarkSmokeSame(b *testing.B) {
	a := mustDoc(nil, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:111122223333:key/*"}]}`)
	for i := 0; i < b.N; i++ {
		NoNewAccess(Identity, a, a)
	}
}
