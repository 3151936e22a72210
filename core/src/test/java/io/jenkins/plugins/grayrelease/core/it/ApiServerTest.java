package io.jenkins.plugins.grayrelease.core.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against the real API server: tagged {@code apiserver}, and given a
 * {@link RealApiServer} (and {@link IstioValidator}) as parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("apiserver")
@ExtendWith(RealApiServerExtension.class)
public @interface ApiServerTest {
}
