// Command istio-validate checks networking.istio.io VirtualService and
// DestinationRule objects with Istio's own validation code, the same code
// istiod's admission webhook runs, without needing a cluster.
//
// Usage: istio-validate [-istio-only] FILE... ("-" reads standard input)
//
// Recent Istio treats route weights as relative, so its own code accepts weights that
// add up to 90. Gray Release promises (DESIGN.md, rule 3) that every route it writes
// sums to exactly 100, so this tool adds that one check, reported with a
// "gray-release:" prefix so it is never mistaken for Istio's; -istio-only turns it off.
//
// Each FILE holds YAML or JSON documents; a document may also be a Kubernetes
// List (as written by `kubectl get -o yaml`). Every error is printed on its own
// line naming the object (Kind namespace/name). Exit status: 0 when every
// object is valid, 1 when any object is invalid, 2 when input cannot be read.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	kubeyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"istio.io/istio/pkg/config"
	"istio.io/istio/pkg/config/schema/collections"
	"istio.io/istio/pkg/config/validation"
)

// validators lists the kinds Gray Release writes; anything else is reported
// rather than silently accepted, so a typo in a kind cannot pass as valid.
var validators = map[string]validation.ValidateFunc{
	"VirtualService":  validation.ValidateVirtualService,
	"DestinationRule": validation.ValidateDestinationRule,
}

type object struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   objectMeta        `json:"metadata"`
	Spec       json.RawMessage   `json:"spec"`
	Items      []json.RawMessage `json:"items"`
}

type objectMeta struct {
	Name        string            `json:"name"`
	Namespace   string            `json:"namespace"`
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
}

func (o object) id() string {
	ns := o.Metadata.Namespace
	if ns == "" {
		ns = "default"
	}
	return fmt.Sprintf("%s %s/%s", o.Kind, ns, o.Metadata.Name)
}

type report struct {
	objects int
	errors  int
}

var istioOnly = flag.Bool("istio-only", false, "run only Istio's checks, not the weights-sum-to-100 rule")

func main() {
	flag.Parse()
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: istio-validate [-istio-only] FILE... (\"-\" reads standard input)")
		os.Exit(2)
	}
	var r report
	for _, path := range flag.Args() {
		if err := r.validateFile(path); err != nil {
			fmt.Fprintf(os.Stderr, "error: %s: %v\n", path, err)
			os.Exit(2)
		}
	}
	fmt.Printf("validated %d objects, %d errors\n", r.objects, r.errors)
	if r.errors > 0 {
		os.Exit(1)
	}
}

func (r *report) validateFile(path string) error {
	var in io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	docs := kubeyaml.NewYAMLReader(bufio.NewReader(in))
	for {
		doc, err := docs.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		asJSON, err := yaml.YAMLToJSON(doc)
		if err != nil {
			return err
		}
		if string(asJSON) == "null" {
			continue
		}
		if err := r.validateDocument(asJSON); err != nil {
			return err
		}
	}
}

func (r *report) validateDocument(doc []byte) error {
	var o object
	if err := json.Unmarshal(doc, &o); err != nil {
		return err
	}
	if o.Items != nil {
		for _, item := range o.Items {
			if err := r.validateDocument(item); err != nil {
				return err
			}
		}
		return nil
	}
	r.objects++
	for _, msg := range validate(o) {
		r.errors++
		fmt.Printf("%s: %s\n", o.id(), msg)
	}
	return nil
}

// validate returns one message per problem Istio finds; warnings are printed
// but do not count as errors, matching istioctl validate.
func validate(o object) []string {
	validator, known := validators[o.Kind]
	if !known {
		return []string{fmt.Sprintf("kind %q is not validated by this tool (only VirtualService, DestinationRule)", o.Kind)}
	}
	gv := config.GroupVersionKind{Kind: o.Kind}
	if group, version, ok := splitAPIVersion(o.APIVersion); ok {
		gv.Group, gv.Version = group, version
	}
	schema, found := collections.Pilot.FindByGroupVersionAliasesKind(gv)
	if !found || gv.Group != "networking.istio.io" {
		return []string{fmt.Sprintf("apiVersion %q is not a networking.istio.io version Istio serves; use networking.istio.io/v1", o.APIVersion)}
	}
	spec, err := schema.NewInstance()
	if err != nil {
		return []string{err.Error()}
	}
	if len(o.Spec) > 0 {
		// Strict: a field Istio does not know is an error, as in the webhook.
		if err := config.ApplyJSONStrict(spec, string(o.Spec)); err != nil {
			return []string{"spec: " + err.Error()}
		}
	}
	ns := o.Metadata.Namespace
	if ns == "" {
		ns = "default"
	}
	cfg := config.Config{
		Meta: config.Meta{
			GroupVersionKind: schema.GroupVersionKind(),
			Name:             o.Metadata.Name,
			Namespace:        ns,
			Labels:           o.Metadata.Labels,
			Annotations:      o.Metadata.Annotations,
		},
		Spec: spec,
	}
	warnings, err := validator(cfg)
	for _, w := range flatten(warnings) {
		fmt.Fprintf(os.Stderr, "%s: warning: %s\n", o.id(), w)
	}
	problems := flatten(err)
	if !*istioOnly && o.Kind == "VirtualService" {
		problems = append(problems, weightsSumTo100(o.Spec)...)
	}
	return problems
}

// weightsSumTo100 reports every HTTP route whose destinations' weights do not add up to
// exactly 100. A lone destination without a weight gets all traffic, as in Istio.
func weightsSumTo100(spec json.RawMessage) []string {
	var s struct {
		HTTP []struct {
			Name  string `json:"name"`
			Route []struct {
				Weight *int32 `json:"weight"`
			} `json:"route"`
		} `json:"http"`
	}
	if err := json.Unmarshal(spec, &s); err != nil {
		return []string{"gray-release: spec.http cannot be read: " + err.Error()}
	}
	var out []string
	for i, route := range s.HTTP {
		if len(route.Route) == 1 && route.Route[0].Weight == nil {
			continue
		}
		var sum int32
		for _, d := range route.Route {
			if d.Weight != nil {
				sum += *d.Weight
			}
		}
		if sum != 100 {
			out = append(out, fmt.Sprintf("gray-release: spec.http[%d] (name %q): route weights sum to %d, must be exactly 100", i, route.Name, sum))
		}
	}
	return out
}

func splitAPIVersion(apiVersion string) (string, string, bool) {
	for i := 0; i < len(apiVersion); i++ {
		if apiVersion[i] == '/' {
			return apiVersion[:i], apiVersion[i+1:], true
		}
	}
	return "", "", false
}

// flatten turns Istio's multi-errors into one message per problem.
func flatten(err error) []string {
	if err == nil {
		return nil
	}
	if multi, ok := err.(interface{ WrappedErrors() []error }); ok {
		var out []string
		for _, e := range multi.WrappedErrors() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []string{err.Error()}
}
