package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerPairTest {

    @Test
    void bothTellsTheFirstListenerAndThenTheSecondOfEachEvent() {
        RolloutPlan plan = new PlanParser().parse("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                steps:
                - setWeight: 10
                """, "plan.yaml");
        List<String> lines = new ArrayList<>();
        RolloutListener log = RolloutListener.both(new RolloutNarration(l -> lines.add("first: " + l)),
                new RolloutNarration(l -> lines.add("second: " + l)));

        log.runStarted(plan, 0, false);
        log.stepStarted(0, plan.steps().get(0));

        assertThat(lines).containsExactly(
                "first: Rollout " + plan.name() + ": 1 steps for shop/reviews",
                "second: Rollout " + plan.name() + ": 1 steps for shop/reviews",
                "first: [1/1] setWeight 10",
                "second: [1/1] setWeight 10");
    }
}
