package io.jenkins.plugins.grayrelease.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.TargetSettings.Field;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DestinationSpec;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TargetSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** How a front end's partial target (nested blocks, a plan's section) becomes the engine's target. */
class TargetSettingsTest {

    private final TargetSettings outer = TargetSettings.empty().with(Field.NAMESPACE, "shop").with(Field.SERVICE, "reviews")
            .with(Field.STABLE, "v1").with(Field.CANARY, "v2");

    @Test
    void anInnerBlockStatesOnlyWhatDiffers() {
        TargetSettings inner = TargetSettings.empty().with(Field.SERVICE, "ratings").with(Field.CANARY, " v3 ");

        ReleaseTarget t = inner.over(outer).toTarget(null);

        assertThat(t).isEqualTo(ReleaseTarget.builder("shop", "ratings").stableSubset("v1").canarySubset("v3").build());
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(outer.with(Field.ROUTE, "  ").get(Field.ROUTE)).isNull();
        assertThat(outer.with(Field.CANARY, "").over(outer).get(Field.CANARY)).isEqualTo("v2");
    }

    @Test
    void hostsMakeTheTwoHostLayoutAndTheContextNamespaceFillsIn() {
        ReleaseTarget t = TargetSettings.empty().with(Field.SERVICE, "reviews").with(Field.STABLE_HOST, "reviews-stable")
                .with(Field.CANARY_HOST, "reviews-canary").toTarget("from-context");

        assertThat(t.namespace()).isEqualTo("from-context");
        assertThat(t.stable()).isEqualTo(Destination.host("reviews-stable"));
        assertThat(t.canary()).isEqualTo(Destination.host("reviews-canary"));
    }

    @Test
    void aNamespacedVirtualServiceCanaryVersionAndLayoutReachTheTarget() {
        ReleaseTarget t = outer.with(Field.VIRTUAL_SERVICE, "istio-system/public-routes").with(Field.CANARY_VERSION, "2.1")
                .with(Field.LAYOUT, "fixed-subsets").toTarget(null);
        assertThat(t.virtualServiceRef()).isEqualTo(ObjectRef.virtualService("istio-system", "public-routes"));
        assertThat(t.destinationRuleRef()).isEqualTo(ObjectRef.destinationRule("shop", "reviews"));
        assertThat(t.virtualService()).isEqualTo("istio-system/public-routes");
        assertThat(t.stable()).isEqualTo(Destination.subset("reviews.shop.svc.cluster.local", "v1"));
        assertThat(t.canaryVersion()).isEqualTo("2.1");
        assertThat(t.layout()).isEqualTo(Layout.FIXED_SUBSETS);
        assertThat(outer.with(Field.CANARY_VERSION, "2.1").sidesFromRecord().get(Field.CANARY_VERSION)).isNull();
        assertThatThrownBy(() -> outer.with(Field.LAYOUT, "rainbow").toTarget(null))
                .hasMessage("layout 'rainbow' is unknown; use one of per-version, fixed-subsets");
    }

    @Test
    void sidesFromRecordLeavesStableAndCanaryToTheCluster() {
        ReleaseTarget t = outer.with(Field.STABLE_HOST, "x").sidesFromRecord().toTarget(null);

        assertThat(t.stable()).isNull();
        assertThat(t.canary()).isNull();
        assertThat(t.service()).isEqualTo("reviews");
    }

    @Test
    void aMissingServiceIsNamed() {
        assertThatThrownBy(() -> TargetSettings.empty().with(Field.NAMESPACE, "shop").toTarget(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service is required");
    }

    @Test
    void aPlansTargetSectionConvertsBothWays() {
        TargetSpec spec = new TargetSpec("shop", "reviews", "vs", null, "primary", DestinationSpec.subsetOnly("v1"),
                new DestinationSpec("reviews-canary", null), null);

        TargetSettings s = TargetSettings.of(spec);

        assertThat(s.toTarget(null)).isEqualTo(spec.toReleaseTarget());
        assertThat(s.label()).isEqualTo("shop/reviews");
    }

    @Test
    void survivesJavaSerializationAsAPipelineSavesIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(outer);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(outer);
        }
    }
}
