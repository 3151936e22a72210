package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one action on several targets at once on a bounded pool: each target's write is its own guarded,
 * route-scoped write, so targets in different clusters (or different routes) never wait for each other.
 */
final class ParallelTargets implements AutoCloseable {

    /** What one target's action gave: a value or the engine's failure. */
    record Result<T>(FleetTarget target, T value, GrayReleaseException failure) {
        boolean failed() {
            return failure != null;
        }
    }

    private final ExecutorService pool;

    ParallelTargets(int parallelism) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "gray-fleet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code action} on every target (one alone runs on the caller's thread); results in the targets' order. */
    <T> List<Result<T>> run(List<FleetTarget> targets, Function<FleetTarget, T> action) {
        if (targets.size() == 1) {
            return List.of(one(targets.get(0), action));
        }
        List<Future<Result<T>>> futures = new ArrayList<>();
        for (FleetTarget t : targets) {
            futures.add(pool.submit(() -> one(t, action)));
        }
        List<Result<T>> results = new ArrayList<>();
        for (Future<Result<T>> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(other -> other.cancel(true));
                throw new IllegalStateException("interrupted while writing the fleet's targets", e);
            } catch (ExecutionException e) {
                // one() catches the engine's failures; anything else is a defect and surfaces as such
                throw new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    private static <T> Result<T> one(FleetTarget target, Function<FleetTarget, T> action) {
        try {
            return new Result<>(target, action.apply(target), null);
        } catch (GrayReleaseException e) {
            return new Result<>(target, null, e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
