package io.jenkins.plugins.grayrelease.core.it;

/** The {@code ratings} service some tests release beside (or instead of) the sample's reviews: its Istio objects. */
final class RatingsService {

    /** Subsets v1 and v2 of {@code ratings}, selecting the pods of {@code Workloads.serve(…, "ratings", "v1", "v2")}. */
    static final String DESTINATION_RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: ratings}
            spec:
              host: ratings
              subsets:
              - {name: v1, labels: {app: ratings, version: v1}}
              - {name: v2, labels: {app: ratings, version: v2}}
            """;

    private RatingsService() {
    }
}
