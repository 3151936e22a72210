package io.jenkins.plugins.grayrelease.core;

/** The managed route's traffic split in percent; the two always add up to 100. */
public record WeightSplit(int stable, int canary) {

    public static WeightSplit canary(int canaryPercent) {
        return new WeightSplit(100 - canaryPercent, canaryPercent);
    }
}
