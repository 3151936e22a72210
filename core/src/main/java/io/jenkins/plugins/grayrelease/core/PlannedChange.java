package io.jenkins.plugins.grayrelease.core;

/**
 * What an operation writes (or would write, in a dry run).
 *
 * @param patch           the JSON Patch (RFC 6902) sent to the VirtualService, {@code []} when nothing changes
 * @param diff            a readable unified diff of the VirtualService's YAML, before and after
 * @param serverValidated true when the API server accepted the change in a server-side dry run
 */
public record PlannedChange(String patch, String diff, boolean serverValidated) {

    public boolean isEmpty() {
        return patch == null || patch.isBlank() || patch.strip().equals("[]");
    }
}
