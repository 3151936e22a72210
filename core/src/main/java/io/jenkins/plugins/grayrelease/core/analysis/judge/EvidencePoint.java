package io.jenkins.plugins.grayrelease.core.analysis.judge;

import java.time.Instant;

/**
 * One look of a comparison, for the chart: the two sides' values (error rate in %, p99 in ms, or
 * the canary's share and the weight in %), the confidence band for the canary's value (NaN when
 * unbounded), and the canary's weight in % then (NaN when unknown).
 */
public record EvidencePoint(Instant at, double canary, double stable, double lower, double upper, double weight) {}
