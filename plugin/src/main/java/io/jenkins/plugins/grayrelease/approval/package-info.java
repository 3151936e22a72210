/**
 * The {@code grayApproval} step: a question on the build page that holds the Pipeline until a
 * permitted person answers (or its timeout takes the default), and survives a restart.
 */
package io.jenkins.plugins.grayrelease.approval;
