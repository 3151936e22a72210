package io.jenkins.plugins.grayrelease.cli.demo;

import io.jenkins.plugins.grayrelease.cli.OutputFormat;
import io.jenkins.plugins.grayrelease.cli.Terminal;
import io.jenkins.plugins.grayrelease.cli.TerminalGate;
import io.jenkins.plugins.grayrelease.cli.output.DocumentWriter;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import io.jenkins.plugins.grayrelease.cli.output.StatusTable;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutRunner;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The release the demo walks: the bundled rollout plan {@code demo-plan.yaml} (testers → 10 % →
 * approval → 50 % → promote), run by the engine's {@link RolloutRunner} with the terminal's
 * {@link TerminalGate}, exactly as {@code grayctl rollout -f} would run it. After each routing
 * change {@link DemoView} shows the VirtualService's routes and a simulated split; with
 * {@code -o json|yaml} one document is printed at the end instead.
 */
public final class DemoWalk {

    static final String PLAN = "demo-plan.yaml";

    private final GrayRelease engine;
    private final String sandboxUrl;
    private final Terminal terminal;
    private final OutputFormat format;
    private final TerminalGate gate;
    private final DemoView view;

    /**
     * @param engine     the engine, on a client of the sandbox holding the {@link SampleApplication}
     * @param sandboxUrl the sandbox's address, for the banner and the JSON document
     * @param assumeYes  approve without asking ({@code --yes})
     * @param user       recorded as who decided at the approval
     * @param requests   simulated requests per step
     * @param seed       seed of the simulated traffic and of the weighted draws
     */
    public DemoWalk(GrayRelease engine, String sandboxUrl, Terminal terminal, OutputFormat format, boolean assumeYes,
                    String user, int requests, long seed) {
        this.engine = engine;
        this.sandboxUrl = sandboxUrl;
        this.terminal = terminal;
        this.format = format;
        this.gate = new TerminalGate(terminal.in(), terminal.err(), assumeYes, user);
        this.view = new DemoView(engine.client(), terminal, format, requests, seed);
    }

    /** The plan the demo runs. */
    static RolloutPlan plan() {
        try (InputStream in = DemoWalk.class.getResourceAsStream(PLAN)) {
            if (in == null) {
                throw new IllegalStateException(PLAN + " is missing from the grayctl jar; rebuild it");
            }
            return new PlanParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), PLAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RolloutResult run() {
        RolloutPlan plan = plan();
        ReleaseTarget target = plan.target().toReleaseTarget();
        if (format == OutputFormat.TABLE) {
            println("Gray Release demo: " + target.service() + " " + target.stable().subset() + " → "
                    + target.canary().subset() + " in namespace " + target.namespace() + ", on a sandbox API server at "
                    + sandboxUrl);
        }
        view.show(target, "start: " + target.stable().subset() + " serves everything but its pinned partner", null);
        RolloutResult result = new RolloutRunner(engine, gate, view, RolloutRunner.Settings.defaults()).run(plan);
        finish(target, result);
        return result;
    }

    private void finish(ReleaseTarget target, RolloutResult result) {
        // Read through a target without sides: after promotion the recorded state knows the new stable.
        ReleaseStatus last = engine.status(ReleaseTarget.builder(target.namespace(), target.service()).build());
        if (format == OutputFormat.TABLE) {
            println("");
            println(switch (result.outcome()) {
                case PROMOTED -> "Final state: promoted.";
                case ROLLED_BACK_BY_DECISION -> "Final state: rolled back, not approved.";
                default -> "Final state: " + result.message();
            });
            StatusTable.print(last, terminal.out());
            println("The route " + SampleApplication.PARTNER_ROUTE + " is the application team's own: it still sends "
                    + "x-partner: acme to " + target.stable().subset() + ", untouched by the release.");
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sandbox", sandboxUrl);
        doc.put("outcome", result.outcome().name());
        doc.put("steps", view.steps());
        doc.put("final", StatusDocument.of(last));
        if (format == OutputFormat.YAML) {
            DocumentWriter.yaml(doc, terminal.out());
        } else {
            DocumentWriter.json(doc, terminal.out());
        }
    }

    private void println(String line) {
        terminal.out().println(line);
        terminal.out().flush();
    }
}
