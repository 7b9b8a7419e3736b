package ascii

// IsLowerName reports whether s is non-empty and made only of lower-case
// ASCII letters, digits and '-', as AWS writes service prefixes, Region
// codes and partitions in ARNs (aws-rules A.6).
func IsLowerName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
