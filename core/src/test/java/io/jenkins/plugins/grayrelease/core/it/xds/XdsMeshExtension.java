package io.jenkins.plugins.grayrelease.core.it.xds;

import io.jenkins.plugins.grayrelease.core.it.RealApiServerExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link XdsMesh} parameters: one istiod and one pair of backends per test JVM, on the
 * shared API server, started on first use and stopped (before the API server) after the last test.
 */
public final class XdsMeshExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(XdsMeshExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == XdsMesh.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return mesh(context);
    }

    static XdsMesh mesh(ExtensionContext context) {
        var server = RealApiServerExtension.server(context);
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(XdsMesh.class, key -> XdsMesh.start(server), XdsMesh.class);
    }
}
