package io.jenkins.plugins.grayrelease.core.it.xds;

import io.jenkins.plugins.grayrelease.core.it.ApiServerTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against istiod on the real API server with proxyless gRPC clients:
 * tagged {@code istiod} (and {@code apiserver}), and given an {@link XdsMesh} as a parameter.
 * Like every {@code apiserver} test it fails, never skips, when a binary is missing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApiServerTest
@Tag("istiod")
@ExtendWith(XdsMeshExtension.class)
public @interface IstiodTest {
}
