package io.jenkins.plugins.grayrelease.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.util.Timer;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The job pages' cluster reads run on a small pool of their own: a stalling API server never holds Jenkins' Timer. */
@WithJenkins
class LiveStatusCacheTest {

    @Test
    void readsThatStallOccupyTheirOwnFewThreadsAndNeverJenkinsTimer(JenkinsRule r) throws Exception {
        LiveStatusCache cache = LiveStatusCache.get();
        CountDownLatch apiServerAnswers = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ranOnTimer = new AtomicInteger();
        LiveStatusCache.Reader stalling = () -> {
            started.incrementAndGet();
            if (Thread.currentThread().getName().contains("jenkins.util.Timer")) {
                ranOnTimer.incrementAndGet();
            }
            apiServerAnswers.await();
            throw new IllegalStateException("the API server gave up");
        };
        try {
            // Many page views of many jobs while the API server stalls: more targets than Timer has threads.
            for (int i = 0; i < 40; i++) {
                cache.get(new LiveStatusCache.Key("job-" + i, "shop/VirtualService/reviews"), stalling);
            }

            // Jenkins' periodic work still runs at once.
            assertThat(Timer.get().submit(() -> "ran").get(30, TimeUnit.SECONDS)).isEqualTo("ran");
            assertThat(ranOnTimer.get()).isZero();
            assertThat(started.get()).as("reads under way").isLessThanOrEqualTo(LiveStatusCache.READERS);
        } finally {
            apiServerAnswers.countDown();
        }
    }
}
