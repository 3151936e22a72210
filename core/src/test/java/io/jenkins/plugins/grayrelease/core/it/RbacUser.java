package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real identity on the real API server (authorization mode RBAC): a ServiceAccount with a
 * token from the TokenRequest API, bound to the README's Role in the service's namespace (and,
 * when asked, to the README's routes Role in the VirtualService's namespace), and to nothing
 * else. Requests made with {@link #client()} or {@link #kubeconfig} are authorized as that user.
 */
public final class RbacUser {

    private final RealApiServer server;
    private final String namespace;
    private final String name;
    private final String token;

    private RbacUser(RealApiServer server, String namespace, String name, String token) {
        this.server = server;
        this.namespace = namespace;
        this.name = name;
        this.token = token;
    }

    /** A user bound to exactly the README's Role in {@code namespace}. */
    public static RbacUser bound(RealApiServer server, String namespace) {
        return bound(server, namespace, ReadmeRbac.block(ReadmeRbac.SERVICE_NAMESPACE_BLOCK), null);
    }

    /**
     * A user bound to {@code serviceRole} in {@code namespace} and, when {@code vsNamespace} is
     * given, to the README's routes Role there.
     */
    public static RbacUser bound(RealApiServer server, String namespace, ReadmeRbac.Block serviceRole, String vsNamespace) {
        KubernetesClient admin = server.client();
        String name = "gray-release";
        if (admin.serviceAccounts().inNamespace(namespace).withName(name).get() == null) {
            admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                    .withNewMetadata().withName(name).endMetadata().build()).create();
        }
        bind(admin, serviceRole, namespace, namespace, name, "");
        if (vsNamespace != null) {
            // Names carry the service's namespace: tests share istio-system.
            bind(admin, ReadmeRbac.block(ReadmeRbac.ROUTES_NAMESPACE_BLOCK), vsNamespace, namespace, name, "-" + namespace);
        }
        String token = admin.serviceAccounts().inNamespace(namespace).withName(name)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        return new RbacUser(server, namespace, name, token);
    }

    /** Replaces the Role and RoleBinding of this user in {@code namespace} (same names as the README's). */
    public void rebind(ReadmeRbac.Block serviceRole) {
        bind(server.client(), serviceRole, namespace, namespace, name, "");
    }

    private static void bind(KubernetesClient admin, ReadmeRbac.Block block, String where, String subjectNamespace,
                             String subject, String suffix) {
        Role role = Serialization.clone(block.role());
        role.getMetadata().setNamespace(where);
        role.getMetadata().setName(role.getMetadata().getName() + suffix);
        RoleBinding binding = Serialization.clone(block.binding());
        binding.getMetadata().setNamespace(where);
        binding.getMetadata().setName(binding.getMetadata().getName() + suffix);
        binding.getRoleRef().setName(role.getMetadata().getName());
        binding.setSubjects(List.of(new SubjectBuilder().withKind("ServiceAccount").withName(subject)
                .withNamespace(subjectNamespace).build()));
        admin.rbac().roles().inNamespace(where).resource(role).createOr(r -> r.update());
        admin.rbac().roleBindings().inNamespace(where).resource(binding).createOr(r -> r.update());
    }

    /** How the API server names this user. */
    public String username() {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    /** A client authenticated with this user's token only; the caller closes it. */
    public KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    private Config config() {
        try {
            Config admin = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
            String ca = admin.getCaCertData() != null ? admin.getCaCertData()
                    : java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(admin.getCaCertFile())));
            return new ConfigBuilder(Config.empty()).withMasterUrl(admin.getMasterUrl()).withCaCertData(ca)
                    .withOauthToken(token).withNamespace(namespace).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kubeconfig file for this user (token, no client certificate), e.g. for grayctl --kubeconfig. */
    public Path kubeconfig(Path dir) {
        Config c = config();
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: %s
                  context:
                    cluster: test
                    user: %s
                    namespace: %s
                current-context: %s
                """.formatted(c.getMasterUrl(), c.getCaCertData(), name, token, name, name, namespace, name);
        try {
            Path file = dir.resolve("kubeconfig-" + name + "-" + namespace + ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
