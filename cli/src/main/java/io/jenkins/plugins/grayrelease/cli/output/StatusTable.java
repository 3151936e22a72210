package io.jenkins.plugins.grayrelease.cli.output;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.rollout.ClusterDecision;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;
import java.io.PrintWriter;
import java.util.List;

/** A release status for people: one labelled line per fact, the split drawn as bars. */
public final class StatusTable {

    private static final int BAR_WIDTH = 30;

    private StatusTable() {
    }

    public static void print(ReleaseStatus s, PrintWriter out) {
        row(out, "SERVICE", s.namespace() + "/" + s.service());
        row(out, s.routeKind().kind().toUpperCase(java.util.Locale.ROOT), s.routingObject() + (s.route() == null ? "" : ", route " + s.route()));
        int stableWeight = s.weights() == null ? 0 : s.weights().stable();
        int canaryWeight = s.weights() == null ? 0 : s.weights().canary();
        row(out, "STABLE", side(s.stable(), stableWeight));
        boolean read = s.workloads() != null && s.workloads().problem() == null;
        deployments(out, read ? s.workloads().stable() : null);
        row(out, "CANARY", s.canary() == null ? "none (no release under way)" : side(s.canary(), canaryWeight));
        deployments(out, read && s.canary() != null ? s.workloads().canary() : null);
        if (s.workloads() != null && s.workloads().problem() != null) {
            row(out, "DEPLOYMENTS", "cannot be read: " + s.workloads().problem());
        }
        row(out, "PHASE", s.phase() == null ? "not recorded" : s.phase().name());
        row(out, "TESTERS", s.testers().isEmpty() ? "none" : TesterMatch.describe(s.testers()));
        row(out, "MIRROR", s.mirrorPercent() == 0 ? "none" : s.mirrorPercent() + " % to the canary");
        row(out, "LAST CHANGE", lastChange(s.lastChange()));
        ClusterDecision.pending(s).ifPresent(p -> {
            row(out, "WAITING", "approval, step " + (p.step() + 1) + " of " + p.plan() + " (run " + p.run() + "): "
                    + p.question().message() + (p.question().deadline() == null ? "" : " (until " + p.question().deadline() + ")"));
            row(out, "ANSWER WITH", ClusterDecision.howToAnswer(s, p));
        });
        if (s.stateProblem() != null) {
            row(out, "STATE", s.stateProblem());
        }
        for (String drift : s.drift()) {
            row(out, "DRIFT", drift);
        }
        out.flush();
    }

    /** One row per Deployment of a side, under the side: name, image, ready/desired and the pods' problem. */
    private static void deployments(PrintWriter out, List<DeploymentSummary> deployments) {
        if (deployments == null) {
            return;
        }
        if (deployments.isEmpty()) {
            row(out, "  DEPLOYMENT", "none found");
        }
        for (DeploymentSummary d : deployments) {
            row(out, "  DEPLOYMENT", d.describe());
        }
    }

    private static String side(Destination d, int weight) {
        String name = d == null ? "?" : d.toString();
        return String.format("%-20s %3d %%  %s", name, weight, WeightBar.of(weight / 100.0, BAR_WIDTH));
    }

    private static String lastChange(LastChange c) {
        return c == null ? "none recorded" : c.describe();
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("%-15s %s%n", label, value);
    }
}
