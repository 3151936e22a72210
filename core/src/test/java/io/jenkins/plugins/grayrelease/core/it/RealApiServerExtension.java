package io.jenkins.plugins.grayrelease.core.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link RealApiServer} and {@link IstioValidator} parameters. The server is started
 * on first use and kept in the root store, so every test class in the JVM shares it and JUnit
 * stops it after the last one.
 */
public final class RealApiServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RealApiServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RealApiServer.class || type == IstioValidator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RealApiServer server = server(context);
        if (parameter.getParameter().getType() == IstioValidator.class) {
            return IstioValidator.of(server);
        }
        return server;
    }

    /** The JVM's shared server, started on first use; for extensions that build on it. */
    public static RealApiServer server(ExtensionContext context) {
        return context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(RealApiServer.class, key -> RealApiServer.start(), RealApiServer.class);
    }
}
