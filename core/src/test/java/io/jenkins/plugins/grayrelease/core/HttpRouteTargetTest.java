package io.jenkins.plugins.grayrelease.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.TargetSettings.Field;
import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import org.junit.jupiter.api.Test;

/** A release target naming an HTTPRoute, as each front end spells it: settings fields and plan YAML. */
class HttpRouteTargetTest {

    private static TargetSettings settings() {
        return TargetSettings.empty().with(Field.NAMESPACE, "shop").with(Field.SERVICE, "reviews")
                .with(Field.HTTP_ROUTE, "reviews").with(Field.ROUTE, "main")
                .with(Field.STABLE, "reviews-stable").with(Field.CANARY, "reviews-canary");
    }

    @Test
    void httpRouteSettingsMakeAnHttpRouteTargetWhoseSidesAreServices() {
        ReleaseTarget target = settings().toTarget(null);

        assertThat(target.routeKind()).isEqualTo(RouteKind.HTTP_ROUTE);
        assertThat(target.routingRef()).isEqualTo(new ObjectRef("shop", "HTTPRoute", "reviews"));
        assertThat(target.httpRoute()).isEqualTo("reviews");
        assertThat(target.virtualService()).isNull();
        assertThat(target.destinationRule()).isNull();
        assertThat(target.stable()).isEqualTo(Destination.host("reviews-stable"));
        assertThat(target.canary()).isEqualTo(Destination.host("reviews-canary"));
        assertThat(target.toBuilder().build()).isEqualTo(target);
    }

    @Test
    void hostFieldsNameTheServicesToo() {
        ReleaseTarget target = settings().with(Field.STABLE, null).with(Field.STABLE_HOST, "reviews-v1").toTarget(null);

        assertThat(target.stable()).isEqualTo(Destination.host("reviews-v1"));
    }

    @Test
    void withoutHttpRouteTheTargetStaysAVirtualService() {
        ReleaseTarget target = settings().with(Field.HTTP_ROUTE, null).toTarget(null);

        assertThat(target.routeKind()).isEqualTo(RouteKind.VIRTUAL_SERVICE);
        assertThat(target.routingRef()).isEqualTo(ObjectRef.virtualService("shop", "reviews"));
        assertThat(target.stable()).isEqualTo(Destination.subset("reviews", "reviews-stable"));
    }

    @Test
    void anHttpRouteWithADestinationRuleIsRefusedNamingBoth() {
        assertThatThrownBy(() -> settings().with(Field.DESTINATION_RULE, "reviews").toTarget(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("release target: httpRoute 'reviews' and destinationRule 'reviews' name two routing objects;"
                        + " give either an HTTPRoute (Gateway API) or a VirtualService and DestinationRule (Istio)");
    }

    @Test
    void twoDifferentNamesForOneSideAreRefused() {
        assertThatThrownBy(() -> settings().with(Field.CANARY_HOST, "reviews-v2").toTarget(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("release target: canary 'reviews-canary' and canaryHost 'reviews-v2' both name the canary Service"
                        + " of the HTTPRoute; give one (e.g. canary: reviews-canary)");
    }

    @Test
    void planTargetHttpRouteNamesTheRouteAndItsServices() {
        RolloutPlan plan = new PlanParser().parse("""
                name: reviews-canary
                target:
                  namespace: shop
                  service: reviews
                  httpRoute: reviews
                  route: main
                  stable: reviews-stable
                  canary: reviews-canary
                steps:
                  - setWeight: 10
                """, "plan.yaml");

        ReleaseTarget target = plan.target().toReleaseTarget();
        assertThat(target.routingRef()).isEqualTo(new ObjectRef("shop", "HTTPRoute", "reviews"));
        assertThat(target.route()).isEqualTo("main");
        assertThat(target.canary()).isEqualTo(Destination.host("reviews-canary"));
        assertThat(TargetSettings.of(plan.target()).toTarget(null)).isEqualTo(target);
    }

    @Test
    void planTargetWithHttpRouteAndVirtualServiceIsRefusedAtTheLine() {
        assertThatThrownBy(() -> new PlanParser().parse("""
                target:
                  namespace: shop
                  service: reviews
                  virtualService: reviews
                  httpRoute: reviews
                  stable: reviews-stable
                  canary: reviews-canary
                steps:
                  - setWeight: 10
                """, "plan.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageStartingWith("plan.yaml line 5, column 3: target.httpRoute: 'httpRoute' and 'virtualService' name two"
                        + " routing objects; give either httpRoute (Gateway API) or virtualService/destinationRule (Istio).");
    }
}
