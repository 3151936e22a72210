package io.jenkins.plugins.grayrelease.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.state.FleetMembership;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.FaultInjector.Fault;
import io.jenkins.plugins.grayrelease.core.testing.SandboxFleet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetReleaseTest {

    private final SandboxFleet clusters = SandboxFleet.of("eu-1", "us-1", "us-2");
    private final Fleet fleet = new Fleet("reviews-v2-f1", List.of(
            new FleetWave(0, "europe", clusters.reviewsIn("eu-1")),
            new FleetWave(1, null, clusters.reviewsIn("us-1", "us-2"))));
    private final FleetRelease release = new FleetRelease(fleet, clusters.connections(), FleetListener.NONE,
            FleetRelease.Settings.defaults());

    @AfterEach
    void close() {
        release.close();
        clusters.close();
    }

    @Test
    void oneWeightStepWritesEveryTargetOfTheCurrentWaveAndNoOther() {
        assertThat(release.setWeight(10).result()).isEqualTo(FleetOutcome.Result.DONE);
        assertThat(List.of(clusters.canaryShare("eu-1"), clusters.canaryShare("us-1"), clusters.canaryShare("us-2")))
                .containsExactly(10, 0, 0);

        release.startWave(1);
        FleetOutcome outcome = release.setWeight(50);

        assertThat(outcome.changed()).extracting(FleetTarget::id).containsExactly("us-1/shop/reviews", "us-2/shop/reviews");
        assertThat(List.of(clusters.canaryShare("eu-1"), clusters.canaryShare("us-1"), clusters.canaryShare("us-2")))
                .containsExactly(10, 50, 50);
    }

    @Test
    void everyMembersRecordNamesTheFleetSoAnyOneMemberShowsTheWhole() {
        release.setWeight(10);
        release.startWave(1);
        release.setWeight(20);

        FleetMembership recorded = clusters.cluster("us-2").engine().status(clusters.reviews("us-2").target()).state().fleet();
        assertThat(recorded.id()).isEqualTo("reviews-v2-f1");
        assertThat(recorded.members()).extracting(FleetMembership.Member::id)
                .containsExactly("eu-1/shop/reviews", "us-1/shop/reviews", "us-2/shop/reviews");

        try (FleetRelease fromRecord = new FleetRelease(Fleet.of(recorded), clusters.connections(), FleetListener.NONE,
                FleetRelease.Settings.defaults())) {
            FleetStatus status = fromRecord.status();
            assertThat(status.rows()).extracting(FleetStatus.Row::weight).containsExactly(10, 20, 20);
            assertThat(status.rows()).extracting(FleetStatus.Row::readyPods).containsExactly("2/2", "2/2", "2/2");
            assertThat(status.overall()).isEqualTo(FleetStatus.Overall.PROGRESSING);
        }
    }

    @Test
    void aRefusedWriteInOneTargetRollsBackEveryShiftedTargetInReverseOrder() {
        release.setWeight(10);
        release.startWave(1);
        release.setWeight(10);
        clusters.cluster("us-2").faults().failWith("PATCH", "virtualservices/reviews", 422,
                "admission webhook denied the request");

        FleetOutcome outcome = release.setWeight(50);

        assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.ROLLED_BACK);
        assertThat(outcome.failure().target().id()).isEqualTo("us-2/shop/reviews");
        assertThat(outcome.failure().unreachable()).isFalse();
        // us-2 keeps its 10 % from the step before, so it is undone too; the order is the reverse of the first shifts.
        assertThat(outcome.undone()).extracting(FleetOutcome.Undone::describe).containsExactly(
                "us-2/shop/reviews (canary 10 % → 0 %)", "us-1/shop/reviews (canary 50 % → 0 %)",
                "eu-1/shop/reviews (canary 10 % → 0 %)");
        assertThat(List.of(clusters.canaryShare("eu-1"), clusters.canaryShare("us-1"), clusters.canaryShare("us-2")))
                .containsExactly(0, 0, 0);
        assertThat(outcome.summary()).startsWith("weight 50 % (wave 2) failed on us-2/shop/reviews: ")
                .contains("admission webhook denied the request");
    }

    @Test
    void aTargetUnreachableDuringTheRollbackIsReportedWithTheCommandAndResumeFinishesIt() {
        release.setWeight(10);
        release.startWave(1);
        release.setWeight(10);
        clusters.cluster("us-1").faults().failWith("PATCH", "virtualservices/reviews", 403, "forbidden");
        // us-2's API server stops answering: its weight step and then its rollback get no answer.
        clusters.cluster("us-2").faults().fail("PATCH", "virtualservices/reviews", Fault.HTTP_503, 1000);
        clusters.cluster("us-2").faults().fail("GET", "virtualservices/reviews", Fault.HTTP_503, 1000);

        FleetOutcome outcome = release.setWeight(50);

        assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.INCOMPLETE);
        assertThat(outcome.failure().target().id()).isEqualTo("us-1/shop/reviews");
        assertThat(outcome.undone()).extracting(u -> u.target().id()).containsExactly("us-1/shop/reviews", "eu-1/shop/reviews");
        assertThat(outcome.unfinished()).singleElement().satisfies(u -> {
            assertThat(u.target().id()).isEqualTo("us-2/shop/reviews");
            assertThat(u.command()).isEqualTo("grayctl rollback reviews --context us-2 -n shop");
            assertThat(u.describe()).startsWith("us-2/shop/reviews: not rolled back: unreachable (")
                    .endsWith("finish it with: grayctl rollback reviews --context us-2 -n shop (or resume the fleet release)");
        });
        assertThat(clusters.canaryShare("eu-1")).isZero();

        clusters.cluster("us-2").faults().clear();
        try (FleetRelease later = new FleetRelease(fleet, clusters.connections(), FleetListener.NONE, FleetRelease.Settings.defaults())) {
            FleetOutcome resumed = later.resume();
            assertThat(resumed.result()).isEqualTo(FleetOutcome.Result.DONE);
            assertThat(resumed.changed()).extracting(FleetTarget::id).containsExactly("us-2/shop/reviews");
            assertThat(clusters.canaryShare("us-2")).isZero();
            assertThat(later.status().overall()).isEqualTo(FleetStatus.Overall.ROLLED_BACK);
        }
    }

    @Test
    void promotionPromotesEveryTargetAndRecordsIt() {
        release.setWeight(10);
        release.startWave(1);
        release.setWeight(50);

        FleetOutcome outcome = release.promote();

        assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.DONE);
        assertThat(release.status().rows()).extracting(FleetStatus.Row::phase).containsOnly(Phase.PROMOTED);
        assertThat(List.of(clusters.canaryShare("eu-1"), clusters.canaryShare("us-1"), clusters.canaryShare("us-2")))
                .containsExactly(100, 100, 100);
    }

    @Test
    void aReleaseMadeAgainAfterARestartRollsBackTheMembersShiftedBeforeIt() {
        release.setWeight(10);
        release.startWave(1);
        release.setWeight(10);
        // A new coordinator for the same fleet (a Jenkins controller restart, a new grayctl process) in wave 2.
        try (FleetRelease afterRestart = new FleetRelease(fleet, clusters.connections(), FleetListener.NONE,
                FleetRelease.Settings.defaults())) {
            afterRestart.startWave(1);
            clusters.cluster("us-2").faults().failWith("PATCH", "virtualservices/reviews", 422,
                    "admission webhook denied the request");

            FleetOutcome outcome = afterRestart.setWeight(50);

            assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.ROLLED_BACK);
            assertThat(outcome.undone()).extracting(FleetOutcome.Undone::describe).containsExactly(
                    "us-2/shop/reviews (canary 10 % → 0 %)", "us-1/shop/reviews (canary 50 % → 0 %)",
                    "eu-1/shop/reviews (canary 10 % → 0 %)");
            assertThat(List.of(clusters.canaryShare("eu-1"), clusters.canaryShare("us-1"), clusters.canaryShare("us-2")))
                    .containsExactly(0, 0, 0);
        }
    }

    @Test
    void aReleaseMadeAgainLeavesAMemberAnotherFleetShifted() {
        Fleet other = new Fleet("reviews-v3-f2", List.of(new FleetWave(0, null, clusters.reviewsIn("eu-1"))));
        try (FleetRelease otherRelease = new FleetRelease(other, clusters.connections(), FleetListener.NONE,
                FleetRelease.Settings.defaults())) {
            otherRelease.setWeight(30);
        }
        try (FleetRelease afterRestart = new FleetRelease(fleet, clusters.connections(), FleetListener.NONE,
                FleetRelease.Settings.defaults())) {
            afterRestart.startWave(1);
            clusters.cluster("us-2").faults().failWith("PATCH", "virtualservices/reviews", 422, "denied");

            FleetOutcome outcome = afterRestart.setWeight(50);

            assertThat(outcome.undone()).extracting(u -> u.target().id()).containsExactly("us-1/shop/reviews");
            assertThat(clusters.canaryShare("eu-1")).isEqualTo(30);
        }
    }
}
