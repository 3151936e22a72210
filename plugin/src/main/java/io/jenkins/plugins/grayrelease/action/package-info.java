/**
 * The build and job pages: the Gray Release action with its buttons (promote, roll back, set
 * weight), the history of changes, and the job page's live status.
 */
package io.jenkins.plugins.grayrelease.action;
