package io.jenkins.plugins.grayrelease.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar was built as (its manifest), or "development" when run from classes. */
public final class GrayCtlVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = GrayCtlVersion.class.getPackage().getImplementationVersion();
        return new String[] {"grayctl " + (version == null ? "development" : version)};
    }
}
