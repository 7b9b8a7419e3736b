package snapshot

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"testing"
	"testing/fstest"

	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

// genConfig sizes a generated account.
type genConfig struct {
	seed                            uint64
	roles, policies, users, groups  int
	grants, scpLevels               int
	attachPerRole, statementsPerDoc int
	serviceLinked, boundaryEveryNth int
	// freeKeys adds conditions on keys the snapshot does not fix
	// (freeValues).
	freeKeys bool
	// freeOps adds conditions on keys the snapshot does not fix with the
	// operators whose classes of values the witness search does not
	// cover: StringLike, Numeric, Date, ForAnyValue and ForAllValues
	// (opValues); the prover decides them.
	freeOps bool
}

// genAccount is a generated snapshot and, independently of the loader,
// the policies each principal has: the oracle the cross-check runs
// evaluate on.
type genAccount struct {
	files fstest.MapFS
	key   string
	facts evaluate.Context
	// truth maps each principal ARN to its policies, tags to its tags.
	truth map[string]evaluate.Policies
	tags  map[string]map[string]string
	// grants are the key's grants.
	grants []evaluate.Grant
	// free: the policies test keys the snapshot does not fix
	// (freeValues); ops: with other operators (opValues).
	free, ops bool
}

const genAcct = "210987654321"

// gen is the generator's state.
type gen struct {
	r   *rand.Rand
	cfg genConfig
	key string
	// docs keeps every generated document by its text.
	docs map[string]*policy.Document
}

var genActions = []string{"kms:*", "kms:Decrypt", "kms:Describe*", "kms:Encrypt", "kms:GenerateDataKey*",
	"kms:Get*", "kms:List*", "kms:*Key", "kms:ReEncrypt*", "kms:CreateGrant", "kms:ScheduleKeyDeletion",
	"kms:TagResource", "kms:Put*", "s3:GetObject", "*"}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) some(list []string, max int) []string {
	n := 1 + g.r.IntN(max)
	seen := map[string]bool{}
	var out []string
	for i := 0; i < n; i++ {
		v := g.pick(list)
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// freeValues are the values the generated conditions compare the keys the
// snapshot does not fix with; the cross-check's oracle tries every
// combination of them, of "absent" and of one other value.
var freeValues = map[string][]string{
	"kms:ViaService":             {"s3.us-west-2.amazonaws.com", "ec2.us-west-2.amazonaws.com"},
	"aws:SourceIp":               {"10.0.0.0/8"},
	"aws:MultiFactorAuthPresent": {"true"},
}

// opValues are the values the oracle gives the keys of the operator
// conditions (opCondition), besides absent: one on each side of every
// condition's bound, and for the multi-valued aws:CalledVia a set with and
// one without the value the conditions name, and one with both.
var opValues = map[string][][]string{
	"aws:SourceVpc":          {{"vpc-111"}, {"vpc-222"}},
	"aws:MultiFactorAuthAge": {{"100"}, {"7200"}},
	"aws:TokenIssueTime":     {{"2025-01-01T00:00:00Z"}, {"2026-06-01T00:00:00Z"}},
	"aws:CalledVia":          {{"athena.amazonaws.com"}, {"dynamodb.amazonaws.com"}, {"athena.amazonaws.com", "dynamodb.amazonaws.com"}},
}

// opCondition is a condition on a key of opValues.
func (g *gen) opCondition() map[string]any {
	switch g.r.IntN(7) {
	case 0:
		return map[string]any{"StringLike": map[string]any{"aws:SourceVpc": "vpc-1*"}}
	case 1:
		return map[string]any{"StringNotLike": map[string]any{"aws:SourceVpc": "vpc-1*"}}
	case 2:
		return map[string]any{"NumericLessThan": map[string]any{"aws:MultiFactorAuthAge": "3600"}}
	case 3:
		return map[string]any{"DateGreaterThan": map[string]any{"aws:TokenIssueTime": "2026-01-01T00:00:00Z"}}
	case 4:
		return map[string]any{"ForAnyValue:StringEquals": map[string]any{"aws:CalledVia": "athena.amazonaws.com"}}
	case 5:
		return map[string]any{"ForAllValues:StringEquals": map[string]any{"aws:CalledVia": "athena.amazonaws.com"}}
	}
	return map[string]any{"StringLike": map[string]any{"aws:SourceVpc": "vpc-1*"},
		"NumericLessThan": map[string]any{"aws:MultiFactorAuthAge": "3600"}}
}

// condition returns a Condition, or none: on keys the snapshot fixes, or
// (when g.cfg.freeKeys or g.cfg.freeOps) on keys it does not.
func (g *gen) condition() map[string]any {
	if g.cfg.freeOps && g.r.IntN(3) == 0 {
		return g.opCondition()
	}
	if g.cfg.freeKeys && g.r.IntN(3) == 0 {
		switch g.r.IntN(5) {
		case 0:
			return map[string]any{"StringEquals": map[string]any{"kms:ViaService": g.pick(freeValues["kms:ViaService"])}}
		case 1:
			return map[string]any{"StringNotEquals": map[string]any{"kms:ViaService": g.pick(freeValues["kms:ViaService"])}}
		case 2:
			return map[string]any{"IpAddress": map[string]any{"aws:SourceIp": "10.0.0.0/8"}}
		case 3:
			return map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "true"}}
		default:
			return map[string]any{"StringEquals": map[string]any{"kms:ViaService": g.pick(freeValues["kms:ViaService"])},
				"IpAddress": map[string]any{"aws:SourceIp": "10.0.0.0/8"}}
		}
	}
	switch g.r.IntN(8) {
	case 0:
		return map[string]any{"StringEquals": map[string]any{"aws:ResourceTag/env": g.pick([]string{"prod", "dev"})}}
	case 1:
		return map[string]any{"StringEquals": map[string]any{"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}
	case 2:
		return map[string]any{"StringEquals": map[string]any{"kms:KeyOrigin": g.pick([]string{"AWS_CLOUDHSM", "AWS_KMS"})}}
	case 3:
		return map[string]any{"StringNotEquals": map[string]any{"aws:PrincipalTag/team": g.pick([]string{"red", "blue"})}}
	case 4:
		return map[string]any{"ArnLike": map[string]any{"aws:PrincipalArn": "arn:aws:iam::" + genAcct + ":role/r" + strconv.Itoa(g.r.IntN(10)) + "*"}}
	}
	return nil
}

func (g *gen) statement(effect string, principal any) map[string]any {
	st := map[string]any{"Effect": effect}
	if g.r.IntN(8) == 0 {
		st["NotAction"] = g.some(genActions[1:14], 3)
	} else {
		st["Action"] = g.some(genActions, 3)
	}
	st["Resource"] = g.pick([]string{"*", g.key, "arn:aws:kms:us-west-2:" + genAcct + ":key/*", "arn:aws:kms:us-west-2:" + genAcct + ":key/other", "arn:aws:kms:*:" + genAcct + ":key/*"})
	if principal != nil {
		st["Principal"] = principal
	}
	if c := g.condition(); c != nil {
		st["Condition"] = c
	}
	return st
}

// document returns a policy document as JSON text and keeps it parsed.
func (g *gen) document(stmts []map[string]any) string {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	if err != nil {
		panic(err)
	}
	text := string(b)
	if _, ok := g.docs[text]; !ok {
		d, err := policy.Parse(b)
		if err != nil {
			panic(fmt.Sprintf("generated document does not parse: %v\n%s", err, text))
		}
		g.docs[text] = d
	}
	return text
}

func (g *gen) identityDoc() string {
	n := 1 + g.r.IntN(g.cfg.statementsPerDoc)
	var stmts []map[string]any
	for i := 0; i < n; i++ {
		effect := "Allow"
		if g.r.IntN(6) == 0 {
			effect = "Deny"
		}
		stmts = append(stmts, g.statement(effect, nil))
	}
	return g.document(stmts)
}

// asWritten is a document as a snapshot holds it: an object (the CLI) or
// a URL-encoded string (the API, the Go SDK).
func (g *gen) asWritten(text string) any {
	if g.r.IntN(2) == 0 {
		return json.RawMessage(text)
	}
	return url.PathEscape(text)
}

func genSnapshot(t testing.TB, cfg genConfig) *genAccount {
	t.Helper()
	g := &gen{r: rand.New(rand.NewPCG(cfg.seed, 7)), cfg: cfg, docs: map[string]*policy.Document{},
		key: "arn:aws:kms:us-west-2:" + genAcct + ":key/00000000-1111-2222-3333-444444444444"}
	out := &genAccount{files: fstest.MapFS{}, key: g.key, truth: map[string]evaluate.Policies{}, tags: map[string]map[string]string{}, free: cfg.freeKeys, ops: cfg.freeOps}
	put := func(name string, v any) {
		b, err := json.MarshalIndent(v, "", " ")
		require.NoError(t, err)
		out.files[name] = &fstest.MapFile{Data: b}
	}

	// Managed policies: 1 to 3 versions, one of them the default.
	type mpol struct{ arn, def string }
	var pols []mpol
	var polDetails []map[string]any
	for i := 0; i < cfg.policies; i++ {
		arn := "arn:aws:iam::" + genAcct + ":policy/p" + strconv.Itoa(i)
		nv := 1 + g.r.IntN(3)
		def := g.r.IntN(nv)
		var versions []map[string]any
		var defText string
		for v := 0; v < nv; v++ {
			text := g.identityDoc()
			if v == def {
				defText = text
			}
			versions = append(versions, map[string]any{"Document": g.asWritten(text), "VersionId": "v" + strconv.Itoa(v+1), "IsDefaultVersion": v == def})
		}
		pols = append(pols, mpol{arn: arn, def: defText})
		polDetails = append(polDetails, map[string]any{"PolicyName": "p" + strconv.Itoa(i), "Arn": arn, "DefaultVersionId": "v" + strconv.Itoa(def+1), "PolicyVersionList": versions})
	}
	docOf := func(text string) *policy.Document { return g.docs[text] }
	attach := func(n int) ([]map[string]any, []*policy.Document) {
		var att []map[string]any
		var docs []*policy.Document
		seen := map[int]bool{}
		for i := 0; i < n && len(pols) > 0; i++ {
			j := g.r.IntN(len(pols))
			if seen[j] {
				continue
			}
			seen[j] = true
			att = append(att, map[string]any{"PolicyArn": pols[j].arn, "PolicyName": "p" + strconv.Itoa(j)})
			docs = append(docs, docOf(pols[j].def))
		}
		return att, docs
	}
	inline := func(n int) ([]map[string]any, []*policy.Document) {
		var list []map[string]any
		var docs []*policy.Document
		for i := 0; i < n; i++ {
			text := g.identityDoc()
			list = append(list, map[string]any{"PolicyName": "inline" + strconv.Itoa(i), "PolicyDocument": g.asWritten(text)})
			docs = append(docs, docOf(text))
		}
		return list, docs
	}
	boundaryFor := func(i int) (map[string]any, *policy.Document) {
		if cfg.boundaryEveryNth == 0 || i%cfg.boundaryEveryNth != 1 || len(pols) == 0 {
			return nil, nil
		}
		j := g.r.IntN(len(pols))
		return map[string]any{"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": pols[j].arn}, docOf(pols[j].def)
	}
	tagsFor := func() ([]map[string]any, map[string]string) {
		if g.r.IntN(3) == 0 {
			return []map[string]any{}, nil
		}
		v := g.pick([]string{"red", "blue"})
		return []map[string]any{{"Key": "team", "Value": v}}, map[string]string{"team": v}
	}

	// Groups.
	type grp struct {
		name string
		docs []*policy.Document
	}
	var groups []grp
	var groupDetails []map[string]any
	for i := 0; i < cfg.groups; i++ {
		name := "g" + strconv.Itoa(i)
		il, idocs := inline(g.r.IntN(2))
		att, adocs := attach(g.r.IntN(3))
		groups = append(groups, grp{name: name, docs: append(idocs, adocs...)})
		groupDetails = append(groupDetails, map[string]any{"GroupName": name, "Arn": "arn:aws:iam::" + genAcct + ":group/" + name, "GroupPolicyList": il, "AttachedManagedPolicies": att})
	}

	var users, roles []map[string]any
	for i := 0; i < cfg.users; i++ {
		name := "u" + strconv.Itoa(i)
		arn := "arn:aws:iam::" + genAcct + ":user/" + name
		il, idocs := inline(g.r.IntN(2))
		att, adocs := attach(g.r.IntN(3))
		p := evaluate.Policies{Identity: append(idocs, adocs...)}
		var gl []string
		if len(groups) > 0 {
			for _, j := range []int{i % len(groups), (i * 7) % len(groups)} {
				if len(gl) == 0 || gl[0] != groups[j].name {
					gl = append(gl, groups[j].name)
					p.Identity = append(p.Identity, groups[j].docs...)
				}
			}
		}
		tl, tm := tagsFor()
		u := map[string]any{"UserName": name, "Arn": arn, "Path": "/", "UserPolicyList": il, "GroupList": gl, "AttachedManagedPolicies": att, "Tags": tl}
		if b, d := boundaryFor(i); b != nil {
			u["PermissionsBoundary"], p.Boundary = b, d
		}
		users = append(users, u)
		out.truth[arn], out.tags[arn] = p, tm
	}
	for i := 0; i < cfg.roles; i++ {
		name, path := "r"+strconv.Itoa(i), "/"
		if i < cfg.serviceLinked {
			name, path = "AWSServiceRoleForGen"+strconv.Itoa(i), "/aws-service-role/gen.amazonaws.com/"
		}
		arn := "arn:aws:iam::" + genAcct + ":role" + path + name
		il, idocs := inline(g.r.IntN(3))
		att, adocs := attach(g.r.IntN(cfg.attachPerRole + 1))
		p := evaluate.Policies{Identity: append(idocs, adocs...)}
		tl, tm := tagsFor()
		r := map[string]any{"RoleName": name, "Arn": arn, "Path": path, "RolePolicyList": il, "AttachedManagedPolicies": att, "Tags": tl,
			"AssumeRolePolicyDocument": g.asWritten(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)}
		if b, d := boundaryFor(i); b != nil && i >= cfg.serviceLinked {
			r["PermissionsBoundary"], p.Boundary = b, d
		}
		roles = append(roles, r)
		out.truth[arn], out.tags[arn] = p, tm
	}
	out.truth["arn:aws:iam::"+genAcct+":root"] = evaluate.Policies{}

	// Two pages, split in the middle of each list.
	half := func(l []map[string]any, second bool) []map[string]any {
		if second {
			return l[len(l)/2:]
		}
		return l[:len(l)/2]
	}
	for i, second := range []bool{false, true} {
		put("iam/authorization-details-"+strconv.Itoa(i+1)+".json", map[string]any{
			"UserDetailList": half(users, second), "GroupDetailList": half(groupDetails, second),
			"RoleDetailList": half(roles, second), "Policies": half(polDetails, second), "IsTruncated": !second})
	}

	// The key: the account's delegation statement most of the time, plus
	// statements naming principals directly, and Denies.
	var kstmts []map[string]any
	if g.r.IntN(5) != 0 {
		kstmts = append(kstmts, map[string]any{"Sid": "EnableIAM", "Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::" + genAcct + ":root"}, "Action": "kms:*", "Resource": "*"})
	}
	for i := 0; i < 3; i++ {
		var who string
		if g.r.IntN(2) == 0 && cfg.roles > 0 {
			who = "arn:aws:iam::" + genAcct + ":role/r" + strconv.Itoa(cfg.serviceLinked+g.r.IntN(cfg.roles-cfg.serviceLinked))
		} else if cfg.users > 0 {
			who = "arn:aws:iam::" + genAcct + ":user/u" + strconv.Itoa(g.r.IntN(cfg.users))
		} else {
			continue
		}
		effect := "Allow"
		if g.r.IntN(3) == 0 {
			effect = "Deny"
		}
		kstmts = append(kstmts, g.statement(effect, map[string]any{"AWS": who}))
	}
	if g.r.IntN(3) == 0 {
		kstmts = append(kstmts, g.statement("Deny", "*"))
	}
	ktext := g.document(kstmts)
	out.facts = evaluate.Context{"kms:KeyOrigin": {"AWS_CLOUDHSM"}, "kms:KeySpec": {"SYMMETRIC_DEFAULT"}, "kms:KeyUsage": {"ENCRYPT_DECRYPT"},
		"kms:MultiRegion": {"false"}, "aws:RequestedRegion": {"us-west-2"}}
	env := g.pick([]string{"prod", "dev"})
	out.facts["aws:ResourceTag/env"] = []string{env}
	kdir := "kms/00000000-1111-2222-3333-444444444444/"
	put(kdir+"describe-key.json", map[string]any{"KeyMetadata": map[string]any{"KeyId": "00000000-1111-2222-3333-444444444444", "Arn": g.key,
		"AWSAccountId": genAcct, "Origin": "AWS_CLOUDHSM", "KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT", "MultiRegion": false, "KeyManager": "CUSTOMER"}})
	put(kdir+"key-policy.json", map[string]any{"Policy": ktext, "PolicyName": "default"})
	put(kdir+"tags.json", map[string]any{"Tags": []map[string]any{{"TagKey": "env", "TagValue": env}}})
	grants := []map[string]any{}
	var entries []kmstypes.GrantListEntry
	// Grantees as AWS services leave them on keys: mostly roles, some
	// service principals, a few users and accounts.
	who := func() string {
		switch n := g.r.IntN(100); {
		case n < 3:
			return "arn:aws:iam::" + genAcct + ":root"
		case n < 18:
			return g.pick([]string{"dynamodb.us-west-2.amazonaws.com", "rds.us-west-2.amazonaws.com"})
		case n < 28 && cfg.users > 0:
			return "arn:aws:iam::" + genAcct + ":user/u" + strconv.Itoa(g.r.IntN(cfg.users))
		}
		return "arn:aws:iam::" + genAcct + ":role/r" + strconv.Itoa(cfg.serviceLinked+g.r.IntN(max(cfg.roles-cfg.serviceLinked, 1)))
	}
	for i := 0; i < cfg.grants; i++ {
		grantee := who()
		if isServicePrincipal(grantee) {
			// A service grantee is a caller too, with no policies of its own.
			out.truth[grantee] = evaluate.Policies{}
		}
		e := map[string]any{"KeyId": g.key, "GrantId": fmt.Sprintf("%064x", i), "GranteePrincipal": grantee,
			"IssuingAccount": "arn:aws:iam::" + genAcct + ":root",
			"Operations":     g.some([]string{"Decrypt", "Encrypt", "GenerateDataKey", "DescribeKey", "ReEncryptFrom", "CreateGrant", "RetireGrant"}, 3)}
		if g.r.IntN(3) == 0 {
			e["RetiringPrincipal"] = who()
		}
		switch g.r.IntN(4) {
		case 0:
			e["Constraints"] = map[string]any{"EncryptionContextEquals": map[string]string{"app": g.pick([]string{"a", "b"})}}
		case 1:
			e["Constraints"] = map[string]any{"EncryptionContextSubset": map[string]string{"team": g.pick([]string{"red", "blue"})}}
		}
		grants = append(grants, e)
		b, err := json.Marshal(map[string]any{"Grants": []any{e}})
		require.NoError(t, err)
		one, err := kmskey.ReadGrants(b)
		require.NoError(t, err)
		entries = append(entries, one...)
	}
	out.grants = kmskey.Grants(entries)
	put(kdir+"grants.json", map[string]any{"Grants": grants})

	// SCP levels: FullAWSAccess or an allow list, and sometimes a Deny.
	var scps [][]*policy.Document
	full := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	for l := 0; l < cfg.scpLevels; l++ {
		dir := "organizations/scp/" + strconv.Itoa(l) + "-level/"
		var level []*policy.Document
		text := full
		if g.r.IntN(4) == 0 {
			text = g.document([]map[string]any{{"Effect": "Allow", "Action": g.some(genActions[1:13], 6), "Resource": "*"}})
		}
		level = append(level, g.parse(t, text))
		out.files[dir+"a.json"] = &fstest.MapFile{Data: []byte(text)}
		if g.r.IntN(2) == 0 {
			st := g.statement("Deny", nil)
			dtext := g.document([]map[string]any{st})
			level = append(level, g.docs[dtext])
			put(dir+"b.json", map[string]any{"Policy": map[string]any{"PolicySummary": map[string]any{"Type": "SERVICE_CONTROL_POLICY", "Name": "deny"}, "Content": dtext}})
		}
		scps = append(scps, level)
	}
	var rcps [][]*policy.Document
	if g.r.IntN(2) == 0 {
		rtext := g.document([]map[string]any{{"Effect": "Deny", "Principal": "*", "Action": g.some([]string{"kms:Decrypt", "kms:Encrypt", "kms:PutKeyPolicy"}, 2), "Resource": "*",
			"Condition": map[string]any{"StringNotEquals": map[string]any{"aws:PrincipalTag/team": "red"}}}})
		rcps = [][]*policy.Document{{g.docs[rtext]}}
		out.files["organizations/rcp/0-root/r.json"] = &fstest.MapFile{Data: []byte(rtext)}
	}
	for arn, p := range out.truth {
		p.Resource, p.SCPs, p.RCPs, p.Grants = g.docs[ktext], scps, rcps, out.grants
		out.truth[arn] = p
	}
	return out
}

func (g *gen) parse(t testing.TB, text string) *policy.Document {
	if d, ok := g.docs[text]; ok {
		return d
	}
	d, err := policy.Parse([]byte(text))
	require.NoError(t, err)
	g.docs[text] = d
	return d
}
