/**
 * The canary judge: compares the canary with the stable from Istio's standard metrics with
 * anytime-valid sequential tests (errors, latency, traffic split), so that looking at every
 * interval never inflates false alarms, and records the evidence behind every verdict.
 */
package io.jenkins.plugins.grayrelease.core.analysis.judge;
