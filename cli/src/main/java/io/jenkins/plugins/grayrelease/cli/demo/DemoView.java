package io.jenkins.plugins.grayrelease.cli.demo;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.cli.OutputFormat;
import io.jenkins.plugins.grayrelease.cli.Progress;
import io.jenkins.plugins.grayrelease.cli.Terminal;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.rollout.ApprovalRequest;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo shows while its plan runs: progress lines ({@code »}) on stderr, and after every
 * routing change the VirtualService's routes and a simulated split on stdout (or, with
 * {@code -o json|yaml}, a step of the final document).
 */
final class DemoView implements RolloutListener {

    private final KubernetesClient client;
    private final Terminal terminal;
    private final OutputFormat format;
    private final Progress progress;
    private final List<SimulatedRequest> traffic;
    private final TrafficSimulator simulator;
    private final SplitView split;
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private ReleaseTarget target;
    private int planSteps;

    DemoView(KubernetesClient client, Terminal terminal, OutputFormat format, int requests, long seed) {
        this.client = client;
        this.terminal = terminal;
        this.format = format;
        this.progress = new Progress(terminal.err());
        this.traffic = SimulatedRequest.demoTraffic(requests, seed);
        this.simulator = new TrafficSimulator(seed);
        this.split = new SplitView(terminal.out(), terminal.interactive() && format == OutputFormat.TABLE,
                List.of(SampleApplication.STABLE_SUBSET, SampleApplication.CANARY_SUBSET));
    }

    /** The steps shown so far, as the JSON/YAML document lists them. */
    List<Map<String, Object>> steps() {
        return steps;
    }

    @Override
    public void runStarted(RolloutPlan plan, int fromStep, boolean resumed) {
        planSteps = plan.steps().size();
    }

    @Override
    public void stepStarted(int index, Step step) {
        progress.step("step " + (index + 1) + " of " + planSteps + ": " + step.describe());
    }

    @Override
    public void weightWritten(int canaryPercent, ReleaseStatus status) {
        show(target, "canary weight " + canaryPercent + " %", status);
    }

    @Override
    public void routingChanged(String change, ReleaseStatus status) {
        show(target, change, status);
    }

    @Override
    public void decisionTaken(ApprovalRequest request, Decision decision) {
        progress.step("decision: " + decision.describe() + " by " + decision.decidedBy());
    }

    @Override
    public void runFinished(RolloutResult result) {
        progress.step(result.message());
    }

    /** Shows the routes of {@code target}'s VirtualService and the split they give, titled {@code title}. */
    void show(ReleaseTarget target, String title, ReleaseStatus status) {
        this.target = target;
        VirtualService vs = client.adapt(IstioClient.class).v1().virtualServices().inNamespace(target.namespace())
                .withName(target.virtualService()).get();
        SimulatedSplit result;
        if (format == OutputFormat.TABLE) {
            println("");
            println("[" + (steps.size() + 1) + "] " + title);
            RoutesView.lines(vs).forEach(this::println);
            result = split.show(simulator, vs, traffic);
        } else {
            result = simulator.route(vs, traffic);
        }
        steps.add(stepDocument(title, status, result));
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

    private void println(String line) {
        terminal.out().println(line);
        terminal.out().flush();
    }
}
