package io.jenkins.plugins.grayrelease.cli.demo;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.cli.OutputFormat;
import io.jenkins.plugins.grayrelease.cli.Progress;
import io.jenkins.plugins.grayrelease.cli.Terminal;
import io.jenkins.plugins.grayrelease.cli.output.DocumentWriter;
import io.jenkins.plugins.grayrelease.cli.output.StatusTable;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release the demo walks, through the engine exactly as {@code grayctl} commands would:
 * testers → 10 % → approval → 50 % → promote. After each step it shows the VirtualService's
 * routes and a simulated split; with {@code -o json|yaml} it prints one document at the end instead.
 */
public final class DemoWalk {

    /** How the walk ended. */
    public enum Outcome { PROMOTED, NOT_APPROVED }

    private final GrayRelease engine;
    private final KubernetesClient client;
    private final Terminal terminal;
    private final OutputFormat format;
    private final ApprovalPrompt approval;
    private final Progress progress;
    private final List<SimulatedRequest> traffic;
    private final TrafficSimulator simulator;
    private final SplitView view;
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private final ReleaseTarget target = SampleApplication.target();
    private int stepNumber;
    private final String sandboxUrl;

    /**
     * @param engine     the engine, on a client of the sandbox holding the {@link SampleApplication}
     * @param sandboxUrl the sandbox's address, for the banner and the JSON document
     * @param assumeYes  approve without asking ({@code --yes})
     * @param requests   simulated requests per step
     * @param seed       seed of the simulated traffic and of the weighted draws
     */
    public DemoWalk(GrayRelease engine, String sandboxUrl, Terminal terminal, OutputFormat format, boolean assumeYes,
                    int requests, long seed) {
        this.engine = engine;
        this.sandboxUrl = sandboxUrl;
        this.client = engine.client();
        this.terminal = terminal;
        this.format = format;
        this.approval = new ApprovalPrompt(assumeYes, terminal.in(), terminal.err());
        this.progress = new Progress(terminal.err());
        this.traffic = SimulatedRequest.demoTraffic(requests, seed);
        this.simulator = new TrafficSimulator(seed);
        this.view = new SplitView(terminal.out(), terminal.interactive() && format == OutputFormat.TABLE,
                List.of(SampleApplication.STABLE_SUBSET, SampleApplication.CANARY_SUBSET));
    }

    public Outcome run() {
        if (format == OutputFormat.TABLE) {
            println("Gray Release demo: " + target.service() + " " + SampleApplication.STABLE_SUBSET + " → "
                    + SampleApplication.CANARY_SUBSET + " in namespace " + target.namespace() + ", on a sandbox API server at "
                    + sandboxUrl);
        }
        step("start: " + SampleApplication.STABLE_SUBSET + " serves everything but its pinned partner", null);
        step("testers: requests with end-user: jason go to " + SampleApplication.CANARY_SUBSET,
                () -> engine.setTesters(target, TesterRoute.of(TesterMatch.header("end-user", "jason")), WriteOptions.defaults()).status());
        step("canary weight 10 %", () -> engine.setWeight(target, 10, WriteOptions.defaults()).status());
        if (approval.decide(SampleApplication.CANARY_SUBSET + " serves 10 %. Go on to 50 %?").kind() != DecisionKind.PROMOTE) {
            step("not approved: roll back", () -> engine.rollback(target, WriteOptions.defaults()).status());
            finish(Outcome.NOT_APPROVED);
            return Outcome.NOT_APPROVED;
        }
        step("canary weight 50 %", () -> engine.setWeight(target, 50, WriteOptions.defaults()).status());
        step("promote: " + SampleApplication.CANARY_SUBSET + " becomes stable",
                () -> engine.promote(target, PromoteOptions.defaults()).status());
        finish(Outcome.PROMOTED);
        return Outcome.PROMOTED;
    }

    private interface Action {
        ReleaseStatus apply();
    }

    private void step(String title, Action action) {
        stepNumber++;
        if (action != null) {
            progress.step("writing " + target.virtualServiceRef() + ": " + title);
        }
        ReleaseStatus status = action == null ? null : action.apply();
        VirtualService vs = readVirtualService();
        if (format == OutputFormat.TABLE) {
            println("");
            println("[" + stepNumber + "] " + title);
            RoutesView.lines(vs).forEach(this::println);
        }
        SimulatedSplit split = format == OutputFormat.TABLE ? view.show(simulator, vs, traffic) : simulator.route(vs, traffic);
        steps.add(stepDocument(title, status, split));
    }

    private void finish(Outcome outcome) {
        // Read through a target without sides: after promotion the recorded state knows the new stable.
        ReleaseStatus last = engine.status(ReleaseTarget.builder(target.namespace(), target.service()).build());
        if (format == OutputFormat.TABLE) {
            println("");
            println(outcome == Outcome.PROMOTED ? "Final state: promoted." : "Final state: rolled back, not approved.");
            StatusTable.print(last, terminal.out());
            println("The route " + SampleApplication.PARTNER_ROUTE + " is the application team's own: it still sends "
                    + "x-partner: acme to " + SampleApplication.STABLE_SUBSET + ", untouched by the release.");
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sandbox", sandboxUrl);
        doc.put("outcome", outcome.name());
        doc.put("steps", steps);
        doc.put("final", StatusDocument.of(last));
        if (format == OutputFormat.YAML) {
            DocumentWriter.yaml(doc, terminal.out());
        } else {
            DocumentWriter.json(doc, terminal.out());
        }
    }

    private static Map<String, Object> stepDocument(String title, ReleaseStatus status, SimulatedSplit split) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("step", title);
        doc.put("status", status == null ? null : StatusDocument.of(status));
        doc.put("requests", split.requests());
        doc.put("versions", split.versions());
        List<Map<String, Object>> routes = new ArrayList<>();
        for (SimulatedSplit.RouteCount r : split.routes()) {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("name", r.name());
            route.put("header", r.header());
            route.put("requests", r.requests());
            route.put("versions", r.versions());
            routes.add(route);
        }
        doc.put("routes", routes);
        return doc;
    }

    private VirtualService readVirtualService() {
        return client.adapt(IstioClient.class).v1().virtualServices().inNamespace(target.namespace())
                .withName(target.virtualService()).get();
    }

    private void println(String line) {
        terminal.out().println(line);
        terminal.out().flush();
    }
}
