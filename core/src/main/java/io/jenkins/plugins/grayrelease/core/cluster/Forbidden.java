package io.jenkins.plugins.grayrelease.core.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request the API server's authorization refused (403): which verb on which resource in which
 * namespace the identity lacks. The resource and namespace come from the request fabric8 made;
 * the verb from the server's RBAC sentence ({@code ... cannot patch resource "virtualservices"
 * ...}), which is the only place the server states it.
 *
 * @param verb      e.g. {@code patch}; {@code "the verb"} when the server did not say
 * @param resource  e.g. {@code virtualservices.networking.istio.io}, {@code deployments.apps}, {@code services}
 * @param namespace the namespace, or null for a cluster-scoped request
 * @param user      who was refused, as the server names them, or null
 */
public record Forbidden(String verb, String resource, String namespace, String user) {

    private static final Pattern RBAC = Pattern.compile("User \"([^\"]*)\" cannot ([a-z]+) resource \"([^\"]+)\"");
    /** The rest of the RBAC sentence, for refusals fabric8 did not tie to a request (a watch's). */
    private static final Pattern GROUP = Pattern.compile("in API group \"([^\"]*)\"");
    private static final Pattern NAMESPACE = Pattern.compile("in the namespace \"([^\"]+)\"");

    /** Null unless the exception is a 403. */
    public static Forbidden of(KubernetesClientException e) {
        if (e.getCode() != 403) {
            return null;
        }
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
        Matcher m = RBAC.matcher(message);
        boolean said = m.find();
        String plural = e.getResourcePlural() != null ? e.getResourcePlural() : said ? m.group(3) : "the resource";
        String group = e.getGroup() != null ? e.getGroup() : find(GROUP, message);
        String resource = group == null || group.isBlank() ? plural : plural + "." + group;
        String namespace = e.getNamespace() != null ? e.getNamespace() : find(NAMESPACE, message);
        return new Forbidden(said ? m.group(2) : "the verb", resource, namespace, said ? m.group(1) : null);
    }

    private static String find(Pattern pattern, String message) {
        Matcher m = pattern.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** {@code system:serviceaccount:ci:deployer cannot patch virtualservices.networking.istio.io in namespace shop}. */
    public String describe() {
        return (user != null ? user : "this identity") + " cannot " + verb + " " + resource
                + (namespace != null ? " in namespace " + namespace : "");
    }

    public String hint() {
        return "Grant '" + verb + "' on " + resource + (namespace != null ? " in namespace " + namespace : "")
                + " to this identity: the Role in docs/security.md (Permissions) lists every verb Gray Release uses";
    }
}
