/**
 * Talking to the Kubernetes API: connecting (kubeconfig, context, credentials), reading and
 * patching routing objects as untyped JSON, guarded JSON Patches, and the wording of the API
 * server's refusals.
 */
package io.jenkins.plugins.grayrelease.core.cluster;
