/**
 * What a release looks like from outside: the status assembled from the routing object and its
 * record, drift between the two, and the one status document every front end prints or returns.
 */
package io.jenkins.plugins.grayrelease.core.status;
