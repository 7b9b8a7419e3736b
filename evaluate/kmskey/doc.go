// Package kmskey reads what AWS says about one KMS key — its grants
// (ListGrants), its metadata (DescribeKey) and its tags (ListResourceTags)
// — as the AWS CLI prints them and as the AWS SDK for Go returns them, and
// turns it into the evaluate package's Grant and KeyFacts. It also reads
// IAM Access Analyzer's proposed key configuration (a key policy and
// grants, ReadKeyConfiguration), and reviews a key's grants against what
// AWS lets a grant hold (CheckGrants).
//
// It exists apart from package evaluate so that the decision engine does
// not link the AWS SDK: a program that only compiles policies and decides
// requests never imports this package.
//
// From the AWS CLI's files:
//
//	entries, err := kmskey.ReadGrants(listGrantsJSON) // `aws kms list-grants --key-id KEY`
//	meta, err := kmskey.ReadKeyMetadata(describeKeyJSON) // `aws kms describe-key --key-id KEY`
//	tags, err := kmskey.ReadTags(tagsJSON)               // `aws kms list-resource-tags --key-id KEY`
//	p := evaluate.Policies{Resource: keyPolicy, Grants: kmskey.Grants(entries), Key: kmskey.Facts(meta, tags)}
//
// From an access preview's input (`aws accessanalyzer create-access-preview
// --configurations`), or Access Analyzer's KmsKeyConfiguration alone:
//
//	cfg, err := kmskey.ReadKeyConfiguration(configJSON)
//	p := evaluate.Policies{Resource: cfg.KeyPolicy, Grants: cfg.Grants}
//
// Reviewing grants, with findings as policy.Validate gives them:
//
//	for _, f := range kmskey.CheckGrants(kmskey.Grants(entries), kmskey.Facts(meta, nil)) {
//		i, field, _ := kmskey.SplitGrantPath(f.Path) // "Grants[2].Operations[1]"
//		loc, _, _ := kmskey.Locate(listGrantsJSON, i, field)
//		fmt.Println(loc.Path, f.Code, f.Message)    // where the file has it
//	}
//
// From the SDK, pass the same types the kms client returns
// (ListGrantsOutput.Grants, DescribeKeyOutput.KeyMetadata,
// ListResourceTagsOutput.Tags) to Grants and Facts.
//
// The readers refuse what they cannot read faithfully, with an *Error
// naming the JSON path: malformed JSON, a member given twice, a value of
// the wrong type, and, in a grant, a member they do not know — a grant
// constraint the engine did not know would be read as no constraint at
// all, which could only widen access. A listing whose last page says more
// results follow is refused too (ErrTruncated): Truncated true, a
// NextMarker, or the NextToken the AWS CLI prints when --max-items cut its
// output — grants or tags would be missing.
package kmskey
