package io.jenkins.plugins.grayrelease.core.analysis.judge;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the judge compares between canary and stable. */
public enum Check {
    /** The error rate per request (5xx, or the plan's {@code errorCodes}). */
    @JsonProperty("errors") ERRORS("errors"),
    /** The latency distribution, from the request-duration histogram. */
    @JsonProperty("latency") LATENCY("latency"),
    /** The canary's share of requests against the weight written (sample-ratio check). */
    @JsonProperty("trafficSplit") TRAFFIC_SPLIT("trafficSplit");

    private final String planName;

    Check(String planName) {
        this.planName = planName;
    }

    /** The name in plans, JSON and logs. */
    public String planName() {
        return planName;
    }
}
