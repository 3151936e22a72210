/**
 * The rollout plan file format (YAML): the release target, ordered steps and an optional
 * background analysis. Classes here are the file's schema: each validates its own values, so
 * that a bad plan is rejected with the line and field named before anything runs.
 */
package io.jenkins.plugins.grayrelease.core.rollout.plan;
