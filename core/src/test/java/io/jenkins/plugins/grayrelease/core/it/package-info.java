/**
 * Integration tests on a real kube-apiserver and etcd with Istio's and the Gateway API's CRDs (tag
 * {@code apiserver}), and their fixtures: the server, its binaries, RBAC users and Istio's own
 * validator.
 */
package io.jenkins.plugins.grayrelease.core.it;
