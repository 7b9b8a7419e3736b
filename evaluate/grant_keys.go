package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
)

// Condition keys a kms:CreateGrant request implies from the grant it
// creates (Request.NewGrant), as the grant-related condition keys describe
// them (docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
const (
	impliedGranteePrincipal implied = iota + 96
	impliedGranteeServicePrincipal
	impliedRetiringPrincipal
	impliedRetiringServicePrincipal
	impliedGrantOperations
	impliedGrantConstraintType
	impliedGrantConstraintSourceArn
)

var newGrantKeys = map[string]implied{
	"kms:granteeprincipal":         impliedGranteePrincipal,
	"kms:granteeserviceprincipal":  impliedGranteeServicePrincipal,
	"kms:retiringprincipal":        impliedRetiringPrincipal,
	"kms:retiringserviceprincipal": impliedRetiringServicePrincipal,
	"kms:grantoperations":          impliedGrantOperations,
	"kms:grantconstrainttype":      impliedGrantConstraintType,
	"kms:grantconstraintsourcearn": impliedGrantConstraintSourceArn,
}

// newGrantValues computes a key the new grant of a CreateGrant request
// implies.
func (s *state) newGrantValues(k implied) (values, bool) {
	g := s.newGrant
	if g == nil || s.actionService != "kms" || !ascii.EqualFold(s.actionName, "CreateGrant") {
		return values{}, false
	}
	var v string
	switch k {
	case impliedGranteePrincipal:
		v = g.GranteePrincipal
	case impliedGranteeServicePrincipal:
		v = g.GranteeServicePrincipal
	case impliedRetiringPrincipal:
		v = g.RetiringPrincipal
	case impliedRetiringServicePrincipal:
		v = g.RetiringServicePrincipal
	case impliedGrantOperations:
		return listValues(g.Operations), len(g.Operations) > 0
	case impliedGrantConstraintType:
		if c := g.Constraints; c != nil {
			switch {
			case c.EncryptionContextEquals != nil:
				v = "EncryptionContextEquals"
			case c.EncryptionContextSubset != nil:
				v = "EncryptionContextSubset"
			}
		}
	case impliedGrantConstraintSourceArn:
		if g.Constraints != nil {
			v = g.Constraints.SourceArn
		}
	}
	return oneValue(v), v != ""
}
