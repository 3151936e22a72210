/**
 * How a build reaches its cluster: credentials from Jenkins' credential store and the engine
 * session a build's steps share.
 */
package io.jenkins.plugins.grayrelease.cluster;
