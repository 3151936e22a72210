package io.jenkins.plugins.grayrelease.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job page's view of the cluster: the last reading of each job's release target, refreshed
 * in the background. A page render never talks to the cluster; it shows what was read last and,
 * when that is older than {@link #FRESH_FOR_MILLIS} or missing, asks for one refresh. Refreshes
 * run on this cache's own small pool ({@link #READERS} threads, {@link #QUEUED} waiting at most),
 * never on Jenkins' shared {@code Timer}, whose threads run core's periodic work and the
 * approvals' timeouts: an API server that is down or stalls on purpose can occupy these threads
 * only. When the pool and its queue are full a refresh is skipped, and a later view asks again.
 * At most one refresh per key runs at a time, and each is one short attempt
 * ({@code ReleaseSession.openForPageRead}).
 */
@Extension
public final class LiveStatusCache {

    private static final Logger LOGGER = Logger.getLogger(LiveStatusCache.class.getName());

    /** A reading younger than this is shown without asking the cluster again. */
    static final long FRESH_FOR_MILLIS = 10_000;
    /** Entries nobody asked for during this long are dropped (deleted jobs, renamed targets). */
    private static final long FORGET_AFTER_MILLIS = 10 * 60_000;

    /** Reading threads; a page shows a handful of targets, and a reading takes one request or a few seconds. */
    static final int READERS = 2;
    /** Refreshes that may wait for a thread; more are skipped until a later view. */
    static final int QUEUED = 16;

    private final ThreadPoolExecutor readers = readers();
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public static LiveStatusCache get() {
        return ExtensionList.lookupSingleton(LiveStatusCache.class);
    }

    /**
     * One job's one target: the job's full name and the target's full identity, the routing
     * object (namespace, kind, name) and the service, so that two targets of one service (the
     * mesh VirtualService and a gateway's) are read and shown apart.
     */
    record Key(String job, String target) {
    }

    private static ThreadPoolExecutor readers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(READERS, READERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                new NamingThreadFactory(new DaemonThreadFactory(), "Gray Release page reads"), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Reads one target from the cluster; runs on a background thread. */
    @FunctionalInterface
    interface Reader {
        /** The target as the cluster has it now; any exception becomes the reading's problem. */
        TargetSnapshot read() throws Exception;
    }

    /**
     * One reading: the snapshot, or the sentence saying why the cluster could not be read, and
     * when it was taken.
     */
    record Reading(@CheckForNull TargetSnapshot snapshot, @CheckForNull String problem, long readAt) {

        static Reading of(TargetSnapshot snapshot, long at) {
            return new Reading(snapshot, null, at);
        }

        static Reading failed(String problem, long at) {
            return new Reading(null, problem, at);
        }
    }

    private static final class Entry {
        volatile Reading last;
        volatile long askedAt;
        final AtomicBoolean refreshing = new AtomicBoolean();
    }

    /**
     * The last reading of {@code key}, or null before the first one completes. Schedules a
     * refresh with {@code reader} when the reading is missing or stale and none is running.
     */
    @CheckForNull
    Reading get(Key key, Reader reader) {
        long now = System.currentTimeMillis();
        sweep(now);
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        e.askedAt = now;
        Reading r = e.last;
        if ((r == null || now - r.readAt() >= FRESH_FOR_MILLIS) && e.refreshing.compareAndSet(false, true)) {
            try {
                readers.execute(() -> refresh(key, e, reader));
            } catch (RejectedExecutionException x) {
                // Every reader busy and the queue full (a stalling API server): the page keeps what it has.
                e.refreshing.set(false);
            }
        }
        return r;
    }

    /** Whether a background read of {@code key} is under way. */
    boolean isRefreshing(Key key) {
        Entry e = entries.get(key);
        return e != null && e.refreshing.get();
    }

    /** Records a reading taken elsewhere (the emergency roll back's result), so the page shows it at once. */
    void put(Key key, TargetSnapshot snapshot) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        e.askedAt = System.currentTimeMillis();
        e.last = Reading.of(snapshot, snapshot.getSeenAt());
    }

    private void refresh(Key key, Entry e, Reader reader) {
        try {
            Reading reading = read(key, reader);
            Reading previous = e.last;
            if (previous == null || previous.readAt() <= reading.readAt()) {
                e.last = reading;
            }
        } finally {
            e.refreshing.set(false);
        }
    }

    private static Reading read(Key key, Reader reader) {
        try {
            return Reading.of(reader.read(), System.currentTimeMillis());
        } catch (Exception | LinkageError x) {
            // A broken installation (a missing class) must not leave the page saying "Reading…" for ever.
            LOGGER.log(x instanceof LinkageError ? Level.WARNING : Level.FINE, "Cannot read " + key.target() + " of " + key.job(), x);
            String problem = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
            return Reading.failed(problem, System.currentTimeMillis());
        }
    }

    private void sweep(long now) {
        if (now - lastSweep < FRESH_FOR_MILLIS) {
            return;
        }
        lastSweep = now;
        entries.entrySet().removeIf(en -> !en.getValue().refreshing.get() && now - en.getValue().askedAt > FORGET_AFTER_MILLIS);
    }
}
