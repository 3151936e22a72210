/**
 * Metric analysis for gray releases: a Prometheus HTTP API client, metric checks with
 * thresholds (built-in Istio templates or custom PromQL), and the measurement loop that turns
 * results into a verdict. "No data" is never taken as success.
 */
package io.jenkins.plugins.grayrelease.core.analysis;
