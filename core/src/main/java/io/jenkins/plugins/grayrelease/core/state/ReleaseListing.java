package io.jenkins.plugins.grayrelease.core.state;

import java.util.List;

/**
 * The release records a namespace (or the cluster) holds, as far as this identity may list them.
 *
 * @param releases  the records found, sorted by namespace, routing object and route
 * @param notListed one sentence per kind of routing object this identity may not list (e.g. a Role
 *                  for VirtualServices only, on a cluster that also serves HTTPRoutes): its records
 *                  are missing from {@code releases}
 */
public record ReleaseListing(List<RecordedRelease> releases, List<String> notListed) {

    public ReleaseListing {
        releases = List.copyOf(releases);
        notListed = List.copyOf(notListed);
    }
}
