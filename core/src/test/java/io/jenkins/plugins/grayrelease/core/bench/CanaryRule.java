package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.analysis.judge.SideCounts;
import java.util.List;

/** One way to decide on a canary, looked at every 30 s with all ticks so far ([0] canary, [1] stable). */
interface CanaryRule {
    enum Decision { CONTINUE, FAIL, PASS }

    String name();

    Decision look(List<SideCounts[]> ticks);
}
