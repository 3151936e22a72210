package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.WriteOptions;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run} and {@code --add-canary-subset}: the write options of the commands that send
 * traffic to the canary subset, which may not exist yet in the DestinationRule.
 */
final class CanaryWriteOptions extends DryRunOption {

    @Option(names = "--add-canary-subset",
            description = "Add the canary subset (labels version=<subset>) to the DestinationRule when it is missing.")
    boolean addCanarySubset;

    @Override
    WriteOptions writeOptions() {
        return super.writeOptions().withAddCanarySubset(addCanarySubset);
    }
}
