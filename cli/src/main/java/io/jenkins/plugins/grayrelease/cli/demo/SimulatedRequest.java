package io.jenkins.plugins.grayrelease.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One request of the simulated traffic; only its headers decide its route.
 *
 * @param headers header names in lower case (as Envoy sees them) and their values
 */
public record SimulatedRequest(Map<String, String> headers) {

    public SimulatedRequest {
        headers = Map.copyOf(headers);
    }

    /**
     * The demo's traffic: mostly plain requests, about 4 % from the partner the application team
     * pins to v1 ({@code x-partner: acme}) and about 3 % from a tester ({@code end-user: jason}).
     * The same seed gives the same requests, so every step of the demo sees the same population.
     */
    public static List<SimulatedRequest> demoTraffic(int count, long seed) {
        Random random = new Random(seed);
        List<SimulatedRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(100);
            if (dice < 4) {
                requests.add(new SimulatedRequest(Map.of("x-partner", "acme")));
            } else if (dice < 7) {
                requests.add(new SimulatedRequest(Map.of("end-user", "jason")));
            } else {
                requests.add(new SimulatedRequest(Map.of()));
            }
        }
        return requests;
    }
}
