/** The Gray Release engine: plain Java, no Jenkins classes. */
package io.jenkins.plugins.grayrelease.core;
