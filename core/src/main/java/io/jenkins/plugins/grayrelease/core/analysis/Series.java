package io.jenkins.plugins.grayrelease.core.analysis;

import java.util.List;
import java.util.Map;

/** One series of a range query: its labels and its points in time order. */
public record Series(Map<String, String> labels, List<Sample> points) {
    public Series {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }
}
