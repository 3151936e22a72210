package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterMatch.Kind;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code grayctl testers SERVICE --header NAME=VALUE ...}: requests that match any one condition
 * go 100 %% to the canary, whatever the weights; {@code --remove} takes the route away again.
 */
@Command(name = "testers", mixinStandardHelpOptions = true,
        description = "Send requests matching any of the given headers or cookies 100 %% to the canary "
                + "(a route placed just before the managed one), or remove that route with --remove.")
final class TestersCommand extends ReleaseCommand {
    // Each option is "--" and its kind's word (TesterMatch.Kind), the word plans and the status document use.

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "Header equal to VALUE. Repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--header-prefix", paramLabel = "NAME=VALUE", description = "Header starting with VALUE. Repeatable.")
    List<String> headerPrefixes = new ArrayList<>();

    @Option(names = "--header-regex", paramLabel = "NAME=REGEX", description = "Header matching REGEX (RE2). Repeatable.")
    List<String> headerRegexes = new ArrayList<>();

    @Option(names = "--cookie", paramLabel = "NAME=VALUE", description = "Cookie NAME equal to VALUE. Repeatable.")
    List<String> cookies = new ArrayList<>();

    @Option(names = "--remove", description = "Remove the tester route; nothing else changes.")
    boolean remove;

    @Mixin
    CanaryWriteOptions write;

    private List<TesterMatch> matches;

    @Override
    void validate() {
        super.validate();
        TesterMatchParser parser = new TesterMatchParser(spec.commandLine());
        matches = new ArrayList<>();
        headers.forEach(h -> matches.add(parser.parse(Kind.HEADER_EXACT, h, "end-user=jason")));
        headerPrefixes.forEach(h -> matches.add(parser.parse(Kind.HEADER_PREFIX, h, "user-agent=Beta/")));
        headerRegexes.forEach(h -> matches.add(parser.parse(Kind.HEADER_REGEX, h, "x-tenant=^qa-.*")));
        cookies.forEach(c -> matches.add(parser.parse(Kind.COOKIE, c, "canary=always")));
        if (remove && !matches.isEmpty()) {
            throw usage("--remove cannot be combined with --header, --header-prefix, --header-regex or --cookie",
                    "Run 'grayctl testers " + service + " --remove' alone, or leave --remove out to replace the testers");
        }
        if (!remove && matches.isEmpty()) {
            throw usage("testers needs at least one --header, --header-prefix, --header-regex or --cookie, or --remove",
                    "e.g. 'grayctl testers " + service + " --header end-user=jason'");
        }
    }

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        WriteOptions options = write.writeOptions();
        String plan = write.dryRun ? "planning: " : "";
        if (remove) {
            progress().step(plan + "removing the tester route from " + target.routingRef());
            printer.result(session.engine().removeTesters(target, options));
        } else {
            progress().step(plan + "routing testers (" + TesterMatch.describe(matches) + ") of " + target.routingRef() + " to the canary");
            printer.result(session.engine().setTesters(target, new TesterRoute(matches), options));
        }
        return ExitCodes.OK;
    }
}
