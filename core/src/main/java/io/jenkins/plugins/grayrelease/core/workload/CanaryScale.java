package io.jenkins.plugins.grayrelease.core.workload;

import java.util.Locale;

/**
 * How many replicas the canary Deployment runs while traffic shifts (Argo Rollouts calls it
 * {@code setCanaryScale}). Written {@code traffic} (the canary's replicas follow its share of
 * traffic) or a number of replicas, the same in a plan, on the command line and in Jenkins.
 */
public sealed interface CanaryScale {

    /** The word for weight-proportional scaling. */
    String TRAFFIC = "traffic";

    /**
     * The canary's replicas for {@code canaryWeight} % of the traffic when the stable side has
     * {@code stableReplicas} desired replicas.
     */
    int replicasFor(int stableReplicas, int canaryWeight);

    /** How users write it: {@code traffic} or the number. */
    String text();

    /**
     * Reads {@code traffic} or a whole number of replicas (1 or more).
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    static CanaryScale parse(String text) {
        String t = text == null ? "" : text.trim();
        if (TRAFFIC.equals(t.toLowerCase(Locale.ROOT))) {
            return new MatchTraffic();
        }
        try {
            return new Replicas(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a canary scale; write 'traffic' (the canary's"
                    + " replicas follow its share of traffic) or a number of replicas such as 2", e);
        }
    }

    /** Weight-proportional: ceil(stable replicas × canary weight / 100), and at least 1. */
    record MatchTraffic() implements CanaryScale {
        @Override
        public int replicasFor(int stableReplicas, int canaryWeight) {
            // The ceiling in whole numbers: 3 stable replicas at 10 % give 1 canary replica, at 34 % give 2.
            int share = (Math.max(0, stableReplicas) * canaryWeight + 99) / 100;
            return Math.max(1, share);
        }

        @Override
        public String text() {
            return TRAFFIC;
        }
    }

    /** A fixed number of replicas, whatever the weight. */
    record Replicas(int count) implements CanaryScale {
        public Replicas {
            if (count < 1) {
                throw new IllegalArgumentException("a canary scale of " + count + " replicas is too small; give 1 or more"
                        + " (a canary without pods cannot take traffic; roll back to stop it)");
            }
        }

        @Override
        public int replicasFor(int stableReplicas, int canaryWeight) {
            return count;
        }

        @Override
        public String text() {
            return Integer.toString(count);
        }
    }
}
