package io.jenkins.plugins.grayrelease.core.it.workloads;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link WorkloadCluster} parameters. The cluster is started on first use and kept in the
 * root store: every {@code workloads} test class in the JVM shares it (starting one takes seconds
 * and each test works in its own namespace), and JUnit stops it after the last one.
 */
public final class WorkloadClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(WorkloadClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WorkloadCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    /** The JVM's shared cluster, started on first use; for extensions that build on it. */
    public static WorkloadCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(WorkloadCluster.class, key -> WorkloadCluster.start(), WorkloadCluster.class);
    }
}
