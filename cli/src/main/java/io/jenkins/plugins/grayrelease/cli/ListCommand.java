package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.state.RecordedRelease;
import io.jenkins.plugins.grayrelease.core.state.ReleaseListing;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code grayctl list [-A]}: the releases recorded in a namespace, or in all of them, one row per
 * routing object and route carrying a release record, as {@code kubectl get} lists objects. Reads only.
 */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = "List the releases recorded in the namespace (-n) or in all namespaces (-A): one row per VirtualService"
                + " or HTTPRoute route that carries a release record, with its phase, canary weight, sides and last change.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = {"-A", "--all-namespaces"}, description = "List the releases of every namespace (with a NAMESPACE column).")
    boolean allNamespaces;

    @Override
    public Integer call() {
        try (ClusterSession session = ClusterSession.open(root)) {
            ReleaseListing listing = session.engine().releases(allNamespaces ? null : session.namespace());
            List<RecordedRelease> releases = listing.releases();
            listing.notListed().forEach(note -> root.terminal().err().println("note: " + note));
            if (releases.isEmpty() && root.output() == OutputFormat.TABLE) {
                // As kubectl says it, on stderr, so that a script reading stdout sees an empty list.
                root.terminal().err().println(allNamespaces ? "No releases recorded in any namespace."
                        : "No releases recorded in namespace " + session.namespace() + ".");
                root.terminal().err().flush();
                return ExitCodes.OK;
            }
            new ResultPrinter(root.terminal().out(), root.output()).releases(releases, allNamespaces, Instant.now());
            return ExitCodes.OK;
        }
    }
}
