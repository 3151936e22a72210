package io.jenkins.plugins.grayrelease.core.routing;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import io.jenkins.plugins.grayrelease.core.TesterRoute;

/** What an operation asks of the routes; the planner turns it into an edited VirtualService. */
public sealed interface RouteChange {

    /** A readable summary for the release state's last change ({@code setWeight 10}). */
    String describe();

    /**
     * Whether the change sends the canary more traffic than it has ({@code canaryWeight} now): a
     * higher weight, a tester route, a mirror, a promotion. A rollback or abort recorded by someone
     * else refuses these (see {@code ReleaseStoppedException}); moves back always pass.
     */
    default boolean movesForward(int canaryWeight) {
        return true;
    }

    /** Whether the change needs a canary destination. */
    default boolean needsCanary() {
        return true;
    }

    record SetWeight(int canaryPercent) implements RouteChange {
        @Override
        public String describe() {
            return "setWeight " + canaryPercent;
        }

        @Override
        public boolean movesForward(int canaryWeight) {
            // The same weight again counts too: it would record the release as progressing over the stop.
            return canaryPercent > 0 && canaryPercent >= canaryWeight;
        }
    }

    record SetTesters(TesterRoute testers) implements RouteChange {
        @Override
        public String describe() {
            return "setTesters " + Counted.of(testers.matches().size(), "match", "matches");
        }
    }

    record RemoveTesters() implements RouteChange {
        @Override
        public String describe() {
            return "removeTesters";
        }

        @Override
        public boolean movesForward(int canaryWeight) {
            return false;
        }

        @Override
        public boolean needsCanary() {
            return false;
        }
    }

    record SetMirror(int percent) implements RouteChange {
        @Override
        public String describe() {
            return "setMirror " + percent;
        }

        @Override
        public boolean movesForward(int canaryWeight) {
            return percent > 0;
        }

        @Override
        public boolean needsCanary() {
            return percent > 0;
        }
    }

    record Promote() implements RouteChange {
        @Override
        public String describe() {
            return "promote";
        }
    }

    record Rollback() implements RouteChange {
        @Override
        public String describe() {
            return "rollback";
        }

        @Override
        public boolean movesForward(int canaryWeight) {
            return false;
        }

        @Override
        public boolean needsCanary() {
            return false;
        }
    }
}
