package io.jenkins.plugins.grayrelease.core.analysis.judge;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which differences fail the canary. */
public enum Direction {
    /** Only a canary worse than the stable (more errors, slower). */
    @JsonProperty("worse") WORSE,
    /** Any significant difference, better or worse (e.g. a canary suddenly answering much faster may be skipping work). */
    @JsonProperty("either") EITHER
}
