/**
 * grayctl: the command line over the engine (picocli commands, their options, the cluster session,
 * the terminal approval gate and exit codes). It decides nothing the engine could decide; it
 * parses, calls {@code GrayRelease} or the rollout runner, and prints.
 */
package io.jenkins.plugins.grayrelease.cli;
