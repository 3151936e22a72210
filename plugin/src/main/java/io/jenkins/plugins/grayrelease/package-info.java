/**
 * The Jenkins plugin's root: the settings a {@code withGrayRelease} block carries and links into
 * the console. The plugin renders what the engine decides; it decides nothing the engine could.
 */
package io.jenkins.plugins.grayrelease;
