package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.util.ArrayList;
import java.util.List;

/**
 * The Role and RoleBinding YAML exactly as the "Permissions" section of docs/security.md gives them,
 * read from that page, so that the tests bind their users to what users are told to apply.
 */
public final class ReadmeRbac {

    /** The page that holds the Role and RoleBinding blocks. */
    public static final String PAGE = "docs/security.md";

    /** The first line of the README block for the service's namespace. */
    public static final String SERVICE_NAMESPACE_BLOCK = "# gray-release: service namespace";
    /** The first line of the README block for a VirtualService in another namespace. */
    public static final String ROUTES_NAMESPACE_BLOCK = "# gray-release: VirtualService namespace";

    /** One README block: its Role and RoleBinding. */
    public record Block(Role role, RoleBinding binding) {

        /** Every (resource, verb) the Role grants, as {@code verb resource.group}. */
        public List<String> grants() {
            List<String> grants = new ArrayList<>();
            for (PolicyRule rule : role.getRules()) {
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        for (String verb : rule.getVerbs()) {
                            grants.add(verb + " " + resource + (group.isEmpty() ? "" : "." + group));
                        }
                    }
                }
            }
            return grants;
        }

        /** The same Role without one grant ({@code verb resource.group}), for showing that each is needed. */
        public Block without(String grant) {
            Role copy = Serialization.clone(role);
            List<PolicyRule> rules = new ArrayList<>();
            for (PolicyRule rule : copy.getRules()) {
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        List<String> verbs = new ArrayList<>();
                        for (String verb : rule.getVerbs()) {
                            if (!grant.equals(verb + " " + resource + (group.isEmpty() ? "" : "." + group))) {
                                verbs.add(verb);
                            }
                        }
                        if (!verbs.isEmpty()) {
                            PolicyRule r = new PolicyRule();
                            r.setApiGroups(List.of(group));
                            r.setResources(List.of(resource));
                            r.setVerbs(verbs);
                            rules.add(r);
                        }
                    }
                }
            }
            copy.setRules(rules);
            return new Block(copy, binding);
        }
    }

    private ReadmeRbac() {
    }

    /** The block whose first line is {@code firstLine}; fails the test when the page lacks it. */
    public static Block block(String firstLine) {
        String readme = readme();
        int start = readme.indexOf("```yaml\n" + firstLine + "\n");
        if (start < 0) {
            throw new AssertionError(PAGE + " has no ```yaml block starting with '" + firstLine + "'");
        }
        int from = start + "```yaml\n".length();
        String yaml = readme.substring(from, readme.indexOf("\n```", from));
        Role role = null;
        RoleBinding binding = null;
        for (String doc : yaml.split("\n---\n")) {
            HasMetadata object = Serialization.unmarshal(doc);
            if (object instanceof Role r) {
                role = r;
            } else if (object instanceof RoleBinding b) {
                binding = b;
            }
        }
        if (role == null || binding == null) {
            throw new AssertionError(PAGE + " block '" + firstLine + "' must hold a Role and a RoleBinding");
        }
        return new Block(role, binding);
    }

    private static String readme() {
        return DocPages.read(PAGE);
    }
}
