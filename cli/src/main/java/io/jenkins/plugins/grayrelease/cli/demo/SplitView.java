package io.jenkins.plugins.grayrelease.cli.demo;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.jenkins.plugins.grayrelease.cli.output.WeightBar;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's view of a split: one bar per version for the simulated requests, and which route
 * took how many. On a terminal it fills in as the requests arrive (redrawn in place); elsewhere
 * (pipes, tests) it prints the final picture once.
 */
final class SplitView {

    private static final int BAR_WIDTH = 40;
    private static final int FRAMES = 8;
    private static final long FRAME_MILLIS = 30;

    private final PrintWriter out;
    private final boolean animate;
    private final List<String> versions;

    /** @param versions versions always shown, in this order, even with no requests (stable, canary) */
    SplitView(PrintWriter out, boolean animate, List<String> versions) {
        this.out = out;
        this.animate = animate;
        this.versions = List.copyOf(versions);
    }

    SimulatedSplit show(TrafficSimulator simulator, VirtualService vs, List<SimulatedRequest> requests) {
        SimulatedSplit split = simulator.route(vs, requests);
        if (animate) {
            // Only the bars are redrawn: they are narrower than any terminal, so moving the cursor
            // up by their line count lands where they started (a wrapped line would break that).
            int printed = 0;
            for (int frame = 1; frame < FRAMES; frame++) {
                List<String> lines = bars(simulator.route(vs, requests.subList(0, requests.size() * frame / FRAMES)));
                redraw(lines, printed);
                printed = lines.size();
                pause();
            }
            redraw(bars(split), printed);
        } else {
            bars(split).forEach(out::println);
        }
        routes(split).forEach(out::println);
        out.flush();
        return split;
    }

    List<String> bars(SimulatedSplit split) {
        List<String> lines = new ArrayList<>();
        lines.add("  " + split.requests() + " simulated requests (header routes first, then weights):");
        Set<String> shown = new LinkedHashSet<>(versions);
        shown.addAll(split.versions().keySet());
        for (String version : shown) {
            int count = split.versions().getOrDefault(version, 0);
            lines.add(String.format("    %-4s %s %5d  %5.1f %%", version, WeightBar.of(split.share(version), BAR_WIDTH),
                    count, 100 * split.share(version)));
        }
        return lines;
    }

    /** Which route took how many requests, one line per route, in the VirtualService's order. */
    List<String> routes(SimulatedSplit split) {
        int width = split.routes().stream().mapToInt(r -> r.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (SimulatedSplit.RouteCount route : split.routes()) {
            lines.add(String.format("    %s %-" + width + "s  %s", lines.isEmpty() ? "by route:" : "         ", route.name(),
                    describe(route)));
        }
        return lines;
    }

    /** A route's counts; with several versions also their shares, to compare with its weights. */
    private static String describe(SimulatedSplit.RouteCount route) {
        boolean split = route.versions().size() > 1;
        return route.versions().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + (split ? String.format(" (%.1f %%)", 100 * route.share(e.getKey())) : ""))
                .collect(Collectors.joining(" / "));
    }

    private void redraw(List<String> lines, int previousLines) {
        if (previousLines > 0) {
            out.print("\033[" + previousLines + "A");
        }
        for (String line : lines) {
            out.print("\033[2K" + line + "\n");
        }
        out.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(FRAME_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
