/**
 * grayctl start-up benchmark: prints times next to a baseline, run on demand.
 */
package io.jenkins.plugins.grayrelease.cli.bench;
