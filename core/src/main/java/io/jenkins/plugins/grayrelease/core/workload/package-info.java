/**
 * Canary workloads: creating or updating the canary Deployment from the stable one, its pod labels,
 * and deleting the old stable after a promotion.
 */
package io.jenkins.plugins.grayrelease.core.workload;
