/**
 * The permissions the plugin checks before a button or an answer changes a release.
 */
package io.jenkins.plugins.grayrelease.security;
