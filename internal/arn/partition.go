package arn

// KnownPartition reports whether p is the name of an AWS partition, as
// ARNs write it (lower case): aws, aws-cn, aws-us-gov, the isolated
// partitions aws-iso, aws-iso-b, aws-iso-e and aws-iso-f, and aws-eusc (the
// AWS European Sovereign Cloud). See
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html.
func KnownPartition(p string) bool {
	switch p {
	case "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc":
		return true
	}
	return false
}
