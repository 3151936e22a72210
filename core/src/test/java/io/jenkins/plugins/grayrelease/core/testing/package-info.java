/**
 * Test support shared by core's tests (and, through the test jar, by cli's and the plugin's): the
 * sandbox cluster with fault injection, sample targets and YAML helpers.
 */
package io.jenkins.plugins.grayrelease.core.testing;
