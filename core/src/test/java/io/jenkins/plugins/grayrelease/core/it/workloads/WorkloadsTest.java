package io.jenkins.plugins.grayrelease.core.it.workloads;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs on the {@link WorkloadCluster} (controller manager, scheduler, KWOK's
 * fake nodes): tagged {@code workloads}, and given a {@link WorkloadCluster} as a parameter. Like
 * the {@code apiserver} tests it fails, never skips, when a binary is missing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("workloads")
@ExtendWith(WorkloadClusterExtension.class)
public @interface WorkloadsTest {
}
