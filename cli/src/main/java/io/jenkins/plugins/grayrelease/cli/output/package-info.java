/**
 * How grayctl shows results: the status table for people, and the engine's status document written
 * as JSON or YAML for scripts.
 */
package io.jenkins.plugins.grayrelease.cli.output;
