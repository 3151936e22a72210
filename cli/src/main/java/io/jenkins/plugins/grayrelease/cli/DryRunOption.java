package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.WriteOptions;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run}, offered by every command that writes routing, and the engine's write options
 * it stands for. {@link CanaryWriteOptions} adds {@code --add-canary-subset}.
 */
class DryRunOption {

    @Option(names = "--dry-run", description = "Show the patch; write nothing.")
    boolean dryRun;

    WriteOptions writeOptions() {
        return WriteOptions.defaults().withDryRun(dryRun);
    }
}
