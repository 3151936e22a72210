/**
 * Small helpers with no release knowledge: unified diffs of objects and of changed routes for dry
 * runs, and duration parsing and formatting.
 */
package io.jenkins.plugins.grayrelease.core.support;
