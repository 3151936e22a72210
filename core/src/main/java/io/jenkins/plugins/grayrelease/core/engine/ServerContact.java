package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The API server an engine talks to, as messages name it, and whether it has answered anything
 * yet. Before its first answer, a server that cannot be reached is reported at once: nothing
 * was done, so there is nothing a retry would protect. Shared by the copies of one engine
 * ({@link GrayRelease#session()} and the like), so a rollout's later steps know the server answered.
 */
final class ServerContact {

    private final String server;
    private final Duration requestTimeout;
    private final AtomicBoolean answered;
    private final Consumer<String> notices;

    ServerContact(String url, String context, Duration requestTimeout, Consumer<String> notices) {
        this(url + (context == null || context.isBlank() ? "" : " (context " + context + ")"), requestTimeout, new AtomicBoolean(), notices);
    }

    private ServerContact(String server, Duration requestTimeout, AtomicBoolean answered, Consumer<String> notices) {
        this.server = server;
        this.requestTimeout = requestTimeout;
        this.answered = answered;
        this.notices = notices;
    }

    static ServerContact of(KubernetesClient client) {
        Config config = client.getConfiguration();
        NamedContext context = config.getCurrentContext();
        return new ServerContact(config.getMasterUrl().replaceAll("/+$", ""), context == null ? null : context.getName(),
                Duration.ofMillis(Math.max(0, config.getRequestTimeout())), notice -> { });
    }

    /** For tests of the loop alone: no server named. */
    static ServerContact unnamed() {
        return new ServerContact("(the API server)", null, Duration.ZERO, notice -> { });
    }

    /** The same server and answered flag, telling each retry to {@code listener}. */
    ServerContact withNotices(Consumer<String> listener) {
        return new ServerContact(server, requestTimeout, answered, listener);
    }

    /** {@code https://127.0.0.1:6443 (context kind-dev)}. */
    String server() {
        return server;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    void answered() {
        answered.set(true);
    }

    boolean hasAnswered() {
        return answered.get();
    }

    void announce(String notice) {
        notices.accept(notice);
    }
}
