package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The requirements of the SARIF 2.1.0 JSON schema
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json)
// for the objects lint writes, copied as data: each definition's
// properties (every one the schema allows; the definitions forbid others),
// their types, enums, minimums, uniqueness and formats, and the required
// properties. validateSARIF checks a log against them without the network.

// schemaProp is the schema of one property.
type schemaProp struct {
	typ    string // JSON type, or "a|b"; empty for a $ref
	ref    string // definition name
	enum   []string
	min    *float64
	unique bool
	format string
	items  *schemaProp
}

// schemaDef is one definition.
type schemaDef struct {
	open     bool // additionalProperties allowed
	required []string
	anyOf    [][]string // at least one of these property sets must be present
	props    map[string]schemaProp
}

func ptr(f float64) *float64 { return &f }

var sarifSchema = map[string]schemaDef{
	"sarifLog": {
		required: []string{"version", "runs"},
		props: map[string]schemaProp{
			"$schema":                  {typ: "string", format: "uri"},
			"version":                  {typ: "string", enum: []string{"2.1.0"}},
			"runs":                     {typ: "array|null", items: &schemaProp{ref: "run"}},
			"inlineExternalProperties": {typ: "array", unique: true, items: &schemaProp{ref: "externalProperties"}},
			"properties":               {ref: "propertyBag"},
		},
	},
	"run": {
		required: []string{"tool"},
		props: map[string]schemaProp{
			"tool":                           {ref: "tool"},
			"invocations":                    {typ: "array", items: &schemaProp{ref: "invocation"}},
			"conversion":                     {ref: "conversion"},
			"language":                       {typ: "string"},
			"versionControlProvenance":       {typ: "array", unique: true, items: &schemaProp{ref: "versionControlDetails"}},
			"originalUriBaseIds":             {typ: "object"},
			"artifacts":                      {typ: "array", unique: true, items: &schemaProp{ref: "artifact"}},
			"logicalLocations":               {typ: "array", unique: true, items: &schemaProp{ref: "logicalLocation"}},
			"graphs":                         {typ: "array", unique: true, items: &schemaProp{ref: "graph"}},
			"results":                        {typ: "array", items: &schemaProp{ref: "result"}},
			"automationDetails":              {ref: "runAutomationDetails"},
			"runAggregates":                  {typ: "array", unique: true, items: &schemaProp{ref: "runAutomationDetails"}},
			"baselineGuid":                   {typ: "string"},
			"redactionTokens":                {typ: "array", unique: true, items: &schemaProp{typ: "string"}},
			"defaultEncoding":                {typ: "string"},
			"defaultSourceLanguage":          {typ: "string"},
			"newlineSequences":               {typ: "array", unique: true, items: &schemaProp{typ: "string"}},
			"columnKind":                     {typ: "string", enum: []string{"utf16CodeUnits", "unicodeCodePoints"}},
			"externalPropertyFileReferences": {ref: "externalPropertyFileReferences"},
			"threadFlowLocations":            {typ: "array", unique: true, items: &schemaProp{ref: "threadFlowLocation"}},
			"taxonomies":                     {typ: "array", unique: true, items: &schemaProp{ref: "toolComponent"}},
			"addresses":                      {typ: "array", items: &schemaProp{ref: "address"}},
			"translations":                   {typ: "array", unique: true, items: &schemaProp{ref: "toolComponent"}},
			"policies":                       {typ: "array", unique: true, items: &schemaProp{ref: "toolComponent"}},
			"webRequests":                    {typ: "array", unique: true, items: &schemaProp{ref: "webRequest"}},
			"webResponses":                   {typ: "array", unique: true, items: &schemaProp{ref: "webResponse"}},
			"specialLocations":               {ref: "specialLocations"},
			"properties":                     {ref: "propertyBag"},
		},
	},
	"tool": {
		required: []string{"driver"},
		props: map[string]schemaProp{
			"driver":     {ref: "toolComponent"},
			"extensions": {typ: "array", unique: true, items: &schemaProp{ref: "toolComponent"}},
			"properties": {ref: "propertyBag"},
		},
	},
	"toolComponent": {
		required: []string{"name"},
		props: map[string]schemaProp{
			"guid":                         {typ: "string"},
			"name":                         {typ: "string"},
			"organization":                 {typ: "string"},
			"product":                      {typ: "string"},
			"productSuite":                 {typ: "string"},
			"shortDescription":             {ref: "multiformatMessageString"},
			"fullDescription":              {ref: "multiformatMessageString"},
			"fullName":                     {typ: "string"},
			"version":                      {typ: "string"},
			"semanticVersion":              {typ: "string"},
			"dottedQuadFileVersion":        {typ: "string"},
			"releaseDateUtc":               {typ: "string"},
			"downloadUri":                  {typ: "string", format: "uri"},
			"informationUri":               {typ: "string", format: "uri"},
			"globalMessageStrings":         {typ: "object"},
			"notifications":                {typ: "array", unique: true, items: &schemaProp{ref: "reportingDescriptor"}},
			"rules":                        {typ: "array", unique: true, items: &schemaProp{ref: "reportingDescriptor"}},
			"taxa":                         {typ: "array", unique: true, items: &schemaProp{ref: "reportingDescriptor"}},
			"locations":                    {typ: "array", items: &schemaProp{ref: "artifactLocation"}},
			"language":                     {typ: "string"},
			"contents":                     {typ: "array", unique: true, items: &schemaProp{typ: "string", enum: []string{"localizedData", "nonLocalizedData"}}},
			"isComprehensive":              {typ: "boolean"},
			"localizedDataSemanticVersion": {typ: "string"},
			"minimumRequiredLocalizedDataSemanticVersion": {typ: "string"},
			"associatedComponent":                         {ref: "toolComponentReference"},
			"translationMetadata":                         {ref: "translationMetadata"},
			"supportedTaxonomies":                         {typ: "array", unique: true, items: &schemaProp{ref: "toolComponentReference"}},
			"properties":                                  {ref: "propertyBag"},
		},
	},
	"reportingDescriptor": {
		required: []string{"id"},
		props: map[string]schemaProp{
			"id":                   {typ: "string"},
			"deprecatedIds":        {typ: "array", unique: true, items: &schemaProp{typ: "string"}},
			"guid":                 {typ: "string"},
			"deprecatedGuids":      {typ: "array", unique: true, items: &schemaProp{typ: "string"}},
			"name":                 {typ: "string"},
			"deprecatedNames":      {typ: "array", unique: true, items: &schemaProp{typ: "string"}},
			"shortDescription":     {ref: "multiformatMessageString"},
			"fullDescription":      {ref: "multiformatMessageString"},
			"messageStrings":       {typ: "object"},
			"defaultConfiguration": {ref: "reportingConfiguration"},
			"helpUri":              {typ: "string", format: "uri"},
			"help":                 {ref: "multiformatMessageString"},
			"relationships":        {typ: "array", unique: true, items: &schemaProp{ref: "reportingDescriptorRelationship"}},
			"properties":           {ref: "propertyBag"},
		},
	},
	"multiformatMessageString": {
		required: []string{"text"},
		props: map[string]schemaProp{
			"text":       {typ: "string"},
			"markdown":   {typ: "string"},
			"properties": {ref: "propertyBag"},
		},
	},
	"reportingConfiguration": {
		props: map[string]schemaProp{
			"enabled":    {typ: "boolean"},
			"level":      {typ: "string", enum: []string{"none", "note", "warning", "error"}},
			"rank":       {typ: "number", min: ptr(-1.0)},
			"parameters": {ref: "propertyBag"},
			"properties": {ref: "propertyBag"},
		},
	},
	"result": {
		required: []string{"message"},
		props: map[string]schemaProp{
			"ruleId":              {typ: "string"},
			"ruleIndex":           {typ: "integer", min: ptr(-1)},
			"rule":                {ref: "reportingDescriptorReference"},
			"kind":                {typ: "string", enum: []string{"notApplicable", "pass", "fail", "review", "open", "informational"}},
			"level":               {typ: "string", enum: []string{"none", "note", "warning", "error"}},
			"message":             {ref: "message"},
			"analysisTarget":      {ref: "artifactLocation"},
			"locations":           {typ: "array", items: &schemaProp{ref: "location"}},
			"guid":                {typ: "string"},
			"correlationGuid":     {typ: "string"},
			"occurrenceCount":     {typ: "integer", min: ptr(1)},
			"partialFingerprints": {typ: "object"},
			"fingerprints":        {typ: "object"},
			"stacks":              {typ: "array", unique: true, items: &schemaProp{ref: "stack"}},
			"codeFlows":           {typ: "array", items: &schemaProp{ref: "codeFlow"}},
			"graphs":              {typ: "array", unique: true, items: &schemaProp{ref: "graph"}},
			"graphTraversals":     {typ: "array", unique: true, items: &schemaProp{ref: "graphTraversal"}},
			"relatedLocations":    {typ: "array", unique: true, items: &schemaProp{ref: "location"}},
			"suppressions":        {typ: "array", unique: true, items: &schemaProp{ref: "suppression"}},
			"baselineState":       {typ: "string", enum: []string{"new", "unchanged", "updated", "absent"}},
			"rank":                {typ: "number", min: ptr(-1.0)},
			"attachments":         {typ: "array", unique: true, items: &schemaProp{ref: "attachment"}},
			"hostedViewerUri":     {typ: "string", format: "uri"},
			"workItemUris":        {typ: "array", unique: true, items: &schemaProp{typ: "string", format: "uri"}},
			"provenance":          {ref: "resultProvenance"},
			"fixes":               {typ: "array", unique: true, items: &schemaProp{ref: "fix"}},
			"taxa":                {typ: "array", unique: true, items: &schemaProp{ref: "reportingDescriptorReference"}},
			"webRequest":          {ref: "webRequest"},
			"webResponse":         {ref: "webResponse"},
			"properties":          {ref: "propertyBag"},
		},
	},
	"message": {
		anyOf: [][]string{{"text"}, {"id"}},
		props: map[string]schemaProp{
			"text":       {typ: "string"},
			"markdown":   {typ: "string"},
			"id":         {typ: "string"},
			"arguments":  {typ: "array", items: &schemaProp{typ: "string"}},
			"properties": {ref: "propertyBag"},
		},
	},
	"location": {
		props: map[string]schemaProp{
			"id":               {typ: "integer", min: ptr(-1)},
			"physicalLocation": {ref: "physicalLocation"},
			"logicalLocations": {typ: "array", unique: true, items: &schemaProp{ref: "logicalLocation"}},
			"message":          {ref: "message"},
			"annotations":      {typ: "array", unique: true, items: &schemaProp{ref: "region"}},
			"relationships":    {typ: "array", unique: true, items: &schemaProp{ref: "locationRelationship"}},
			"properties":       {ref: "propertyBag"},
		},
	},
	"physicalLocation": {
		anyOf: [][]string{{"address"}, {"artifactLocation"}},
		props: map[string]schemaProp{
			"address":          {ref: "address"},
			"artifactLocation": {ref: "artifactLocation"},
			"region":           {ref: "region"},
			"contextRegion":    {ref: "region"},
			"properties":       {ref: "propertyBag"},
		},
	},
	"region": {
		anyOf: [][]string{{"startLine"}, {"charOffset"}, {"byteOffset"}},
		props: map[string]schemaProp{
			"startLine":      {typ: "integer", min: ptr(1)},
			"startColumn":    {typ: "integer", min: ptr(1)},
			"endLine":        {typ: "integer", min: ptr(1)},
			"endColumn":      {typ: "integer", min: ptr(1)},
			"charOffset":     {typ: "integer", min: ptr(-1)},
			"charLength":     {typ: "integer", min: ptr(0)},
			"byteOffset":     {typ: "integer", min: ptr(-1)},
			"byteLength":     {typ: "integer", min: ptr(0)},
			"snippet":        {ref: "artifactContent"},
			"message":        {ref: "message"},
			"sourceLanguage": {typ: "string"},
			"properties":     {ref: "propertyBag"},
		},
	},
	"logicalLocation": {
		props: map[string]schemaProp{
			"name":               {typ: "string"},
			"index":              {typ: "integer", min: ptr(-1)},
			"fullyQualifiedName": {typ: "string"},
			"decoratedName":      {typ: "string"},
			"parentIndex":        {typ: "integer", min: ptr(-1)},
			"kind":               {typ: "string"},
			"properties":         {ref: "propertyBag"},
		},
	},
	"suppression": {
		required: []string{"kind"},
		props: map[string]schemaProp{
			"guid":          {typ: "string"},
			"kind":          {typ: "string", enum: []string{"inSource", "external"}},
			"status":        {typ: "string", enum: []string{"accepted", "underReview", "rejected"}},
			"justification": {typ: "string"},
			"location":      {ref: "location"},
			"properties":    {ref: "propertyBag"},
		},
	},
	"artifact": {
		props: map[string]schemaProp{
			"description":         {ref: "message"},
			"location":            {ref: "artifactLocation"},
			"parentIndex":         {typ: "integer", min: ptr(-1)},
			"offset":              {typ: "integer", min: ptr(0)},
			"length":              {typ: "integer", min: ptr(-1)},
			"roles":               {typ: "array", unique: true, items: &schemaProp{typ: "string", enum: []string{"analysisTarget", "attachment", "responseFile", "resultFile", "standardStream", "tracedFile", "unmodified", "modified", "added", "deleted", "renamed", "uncontrolled", "driver", "extension", "translation", "taxonomy", "policy", "referencedOnCommandLine", "memoryContents", "directory", "userSpecifiedConfiguration", "toolSpecifiedConfiguration", "debugOutputFile"}}},
			"mimeType":            {typ: "string"},
			"contents":            {ref: "artifactContent"},
			"encoding":            {typ: "string"},
			"sourceLanguage":      {typ: "string"},
			"hashes":              {typ: "object"},
			"lastModifiedTimeUtc": {typ: "string", format: "date-time"},
			"properties":          {ref: "propertyBag"},
		},
	},
	"artifactLocation": {
		props: map[string]schemaProp{
			"uri":         {typ: "string", format: "uri-reference"},
			"uriBaseId":   {typ: "string"},
			"index":       {typ: "integer", min: ptr(-1)},
			"description": {ref: "message"},
			"properties":  {ref: "propertyBag"},
		},
	},
	"propertyBag": {
		open: true,
		props: map[string]schemaProp{
			"tags": {typ: "array", unique: true, items: &schemaProp{typ: "string"}},
		},
	},
}

// validateSARIF returns every way v (decoded JSON) breaks definition def.
func validateSARIF(v any, def, at string) []string {
	d, ok := sarifSchema[def]
	if !ok {
		return []string{at + ": definition " + def + " is not among the embedded ones"}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: want an object (%s), got %T", at, def, v)}
	}
	var errs []string
	for _, r := range d.required {
		if _, ok := obj[r]; !ok {
			errs = append(errs, fmt.Sprintf("%s: %s requires %q", at, def, r))
		}
	}
	if len(d.anyOf) > 0 {
		found := false
		for _, set := range d.anyOf {
			all := true
			for _, r := range set {
				_, has := obj[r]
				all = all && has
			}
			found = found || all
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %s requires one of %v", at, def, d.anyOf))
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p, ok := d.props[k]
		if !ok {
			if !d.open {
				errs = append(errs, fmt.Sprintf("%s: %s allows no property %q", at, def, k))
			}
			continue
		}
		errs = append(errs, validateProp(obj[k], p, at+"."+k)...)
	}
	return errs
}

func validateProp(v any, p schemaProp, at string) []string {
	if p.ref != "" {
		return validateSARIF(v, p.ref, at)
	}
	var errs []string
	if p.typ != "" && !hasType(v, p.typ) {
		return []string{fmt.Sprintf("%s: want %s, got %T", at, p.typ, v)}
	}
	if len(p.enum) > 0 {
		s, _ := v.(string)
		found := false
		for _, e := range p.enum {
			found = found || e == s
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", at, v, p.enum))
		}
	}
	if p.min != nil {
		if n, ok := v.(float64); ok && n < *p.min {
			errs = append(errs, fmt.Sprintf("%s: %v is below the minimum %v", at, n, *p.min))
		}
	}
	switch p.format {
	case "uri", "uri-reference":
		s, _ := v.(string)
		u, err := url.Parse(s)
		if err != nil || p.format == "uri" && !u.IsAbs() {
			errs = append(errs, fmt.Sprintf("%s: %q is not a %s", at, s, p.format))
		}
	}
	if list, ok := v.([]any); ok {
		if p.unique {
			seen := map[string]bool{}
			for _, e := range list {
				b, _ := json.Marshal(e)
				if seen[string(b)] {
					errs = append(errs, fmt.Sprintf("%s: items must be unique, %s repeats", at, b))
				}
				seen[string(b)] = true
			}
		}
		if p.items != nil {
			for i, e := range list {
				errs = append(errs, validateProp(e, *p.items, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

// hasType reports whether v has one of the JSON types in typ ("a|b").
func hasType(v any, typ string) bool {
	for _, t := range strings.Split(typ, "|") {
		switch x := v.(type) {
		case string:
			if t == "string" {
				return true
			}
		case bool:
			if t == "boolean" {
				return true
			}
		case float64:
			if t == "number" || t == "integer" && x == float64(int64(x)) {
				return true
			}
		case []any:
			if t == "array" {
				return true
			}
		case map[string]any:
			if t == "object" {
				return true
			}
		case nil:
			if t == "null" {
				return true
			}
		}
	}
	return false
}

func decodeSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	var log sarifLog
	require.NoError(t, json.Unmarshal([]byte(out), &log), out)
	return log
}

func TestSARIFMeetsTheSchema(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"findings, a parse error, a suppressed finding and an unused suppression", []string{"-kind", "identity", "-suppressions", "testdata/suppressions.json",
			"testdata/findings.json", "testdata/malformed.json", "testdata/kms-all.json"}},
		{"a clean run", []string{"-kind", "key", "testdata/key-policy.json"}},
		{"a file from standard input", []string{"-kind", "identity", "-stdin-name", "policies/a b.json", "-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, out, errOut := runIn(`{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`, append([]string{"-format", "sarif"}, tc.args...)...)
			require.Empty(t, errOut)
			var v any
			require.NoError(t, json.Unmarshal([]byte(out), &v))
			require.Empty(t, validateSARIF(v, "sarifLog", "$"))
		})
	}

	t.Run("the validator catches what the schema forbids", func(t *testing.T) {
		for _, bad := range []string{
			`{"runs":[]}`, // no version
			`{"version":"2.1.0","runs":[{}]}`,
			`{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}`,
			`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"A"}]}]}`,
			`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`,
			`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":0}}}]}]}]}`,
			`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"suppressions":[{"justification":"j"}]}]}]}`,
			`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[{"id":"A"},{"id":"A"}]}}}]}`,
			`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"extra":1}]}`,
		} {
			var v any
			require.NoError(t, json.Unmarshal([]byte(bad), &v))
			require.NotEmpty(t, validateSARIF(v, "sarifLog", "$"), bad)
		}
	})
}

func TestSARIFContent(t *testing.T) {
	_, out, _ := runCmd("-kind", "identity", "-format", "sarif", "testdata/kms-all.json", "testdata/findings.json")
	log := decodeSARIF(t, out)
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]

	t.Run("one rule per code, sorted, referenced by index", func(t *testing.T) {
		var ids []string
		for _, r := range run.Tool.Driver.Rules {
			ids = append(ids, r.ID)
		}
		require.Equal(t, []string{"FULL_SERVICE_ACCESS", "MISSING_VERSION", "UNKNOWN_ACTION", "UNSUPPORTED_CONDITION_KEY"}, ids)
		for _, r := range run.Results {
			require.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
	})

	t.Run("severities map to levels, security warnings are tagged", func(t *testing.T) {
		levels := map[string]string{}
		for _, r := range run.Results {
			levels[r.RuleID] = r.Level
		}
		require.Equal(t, map[string]string{"FULL_SERVICE_ACCESS": "warning", "MISSING_VERSION": "warning", "UNKNOWN_ACTION": "error", "UNSUPPORTED_CONDITION_KEY": "warning"}, levels)
		require.Equal(t, &sarifRuleProps{Tags: []string{"security"}}, run.Tool.Driver.Rules[0].Properties)
		require.Equal(t, "SECURITY_WARNING", run.Results[len(run.Results)-1].Properties["severity"])
	})

	t.Run("results carry the file, line, column and JSON path", func(t *testing.T) {
		var got []string
		for _, r := range run.Results {
			l := r.Locations[0]
			path := ""
			if len(l.LogicalLocations) > 0 {
				path = l.LogicalLocations[0].FullyQualifiedName
			}
			got = append(got, fmt.Sprintf("%s:%d:%d %s %s", l.PhysicalLocation.ArtifactLocation.URI, l.PhysicalLocation.Region.StartLine, l.PhysicalLocation.Region.StartColumn, r.RuleID, path))
		}
		require.Equal(t, []string{
			"testdata/findings.json:1:1 MISSING_VERSION ",
			"testdata/findings.json:8:17 UNKNOWN_ACTION Statement[0].Action[1]",
			"testdata/findings.json:13:21 UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.kms:ViaServic",
			"testdata/kms-all.json:6:23 FULL_SERVICE_ACCESS Statement[0].Action[0]",
		}, got)
	})

	t.Run("artifacts list each file once, and locations point at them", func(t *testing.T) {
		require.Equal(t, []sarifArt{{Location: sarifArtLoc{URI: "testdata/findings.json"}}, {Location: sarifArtLoc{URI: "testdata/kms-all.json"}}}, run.Artifacts)
		for _, r := range run.Results {
			a := r.Locations[0].PhysicalLocation.ArtifactLocation
			require.Equal(t, run.Artifacts[*a.Index].Location.URI, a.URI)
		}
	})

	t.Run("the output is the same every time", func(t *testing.T) {
		_, again, _ := runCmd("-kind", "identity", "-format", "sarif", "testdata/findings.json", "testdata/kms-all.json")
		require.Equal(t, out, again)
	})

	t.Run("file names become URI references", func(t *testing.T) {
		require.Equal(t, "policies/a%20b.json", fileURI("policies/a b.json"))
		require.Equal(t, "./a:b.json", fileURI("a:b.json"))
		require.Equal(t, "file:///etc/policy.json", fileURI("/etc/policy.json"))
	})
}
