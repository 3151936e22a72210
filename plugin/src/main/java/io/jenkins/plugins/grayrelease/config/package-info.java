/**
 * Defaults set once for all jobs or per folder (cluster, credentials, Prometheus, approvers), with
 * the form and Configuration as Code bindings.
 */
package io.jenkins.plugins.grayrelease.config;
