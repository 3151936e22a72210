package io.jenkins.plugins.grayrelease.core.routing;

import io.jenkins.plugins.grayrelease.core.TesterRoute;

/** What an operation asks of the routes; the planner turns it into an edited VirtualService. */
public sealed interface RouteChange {

    /** A readable summary for the release state's last change ({@code setWeight 10}). */
    String describe();

    /** Whether the change needs a canary destination. */
    default boolean needsCanary() {
        return true;
    }

    record SetWeight(int canaryPercent) implements RouteChange {
        @Override
        public String describe() {
            return "setWeight " + canaryPercent;
        }
    }

    record SetTesters(TesterRoute testers) implements RouteChange {
        @Override
        public String describe() {
            return "setTesters " + testers.matches().size() + " match(es)";
        }
    }

    record RemoveTesters() implements RouteChange {
        @Override
        public String describe() {
            return "removeTesters";
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
        public boolean needsCanary() {
            return false;
        }
    }
}
