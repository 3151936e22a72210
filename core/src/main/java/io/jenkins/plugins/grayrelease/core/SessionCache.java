package io.jenkins.plugins.grayrelease.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a session that shifts repeatedly (a rollout, a {@code withGrayRelease} block, a
 * {@code grayctl rollout}) remembers between operations, so that a shift is one guarded PATCH:
 * the last VirtualService it read or wrote, and the DestinationRule its subsets were checked
 * against (kept until a write is refused or a step names other sides).
 *
 * <p>Never a source of truth: every write built from it is guarded (route-scoped {@code test}
 * operations, or the resourceVersion), so a stale entry costs one refused PATCH, after which the
 * entry is dropped and the operation re-reads, re-plans and retries. Thread-safe; holds no client,
 * so it can outlive the connection it was filled through (Jenkins opens one per step).
 */
public final class SessionCache {

    /**
     * One release's remembered objects.
     *
     * @param virtualService  the VirtualService as last read or stored
     * @param destinationRule the DestinationRule its subsets were checked against, or null: read it again
     * @param sides           what the subsets were checked for (the named and recorded sides), with {@code destinationRule}
     */
    public record Entry(ObjectNode virtualService, ObjectNode destinationRule, String sides) {
    }

    private final Map<ObjectRef, Entry> entries = new ConcurrentHashMap<>();
    private final Map<ObjectRef, Map<String, String>> serviceSelectors = new ConcurrentHashMap<>();

    /** The entry for a VirtualService, or null. */
    public Entry get(ObjectRef virtualService) {
        return entries.get(virtualService);
    }

    /** Remembers a read (both objects). */
    public void read(ObjectRef virtualService, ObjectNode vs, ObjectNode dr, String sides) {
        entries.put(virtualService, new Entry(vs, dr, sides));
    }

    /** Remembers what the server stored after a write of the VirtualService; the checked DestinationRule stays. */
    public void stored(ObjectRef virtualService, ObjectNode vs) {
        entries.computeIfPresent(virtualService, (k, e) -> new Entry(vs, e.destinationRule(), e.sides()));
    }

    /** Remembers the DestinationRule as stored after adding a subset (still to be checked by the next plan). */
    public void storedDestinationRule(ObjectRef virtualService, ObjectNode dr) {
        entries.computeIfPresent(virtualService, (k, e) -> new Entry(e.virtualService(), dr, e.sides()));
    }

    /**
     * A write was refused: keep only a VirtualService read just now (or nothing), so that the
     * retry plans from it and checks the subsets again.
     */
    public void refused(ObjectRef virtualService, ObjectNode freshVirtualService) {
        if (freshVirtualService == null) {
            entries.remove(virtualService);
        } else {
            entries.put(virtualService, new Entry(freshVirtualService, null, null));
        }
    }

    /** Forgets everything about a VirtualService (after a fault: the object is as the server last stored it, unknown here). */
    public void forget(ObjectRef virtualService) {
        entries.remove(virtualService);
    }

    /**
     * The selector of a Service as read earlier in this session, or null. The readiness gate reads a
     * Service once per session: a selector change during a release is not expected, and a stale one
     * can only make the gate look at other Deployments, never make a write unguarded.
     */
    public Map<String, String> serviceSelector(ObjectRef service) {
        return serviceSelectors.get(service);
    }

    /** Remembers a Service's selector (see {@link #serviceSelector}). */
    public void serviceSelector(ObjectRef service, Map<String, String> selector) {
        serviceSelectors.put(service, Map.copyOf(selector));
    }
}
