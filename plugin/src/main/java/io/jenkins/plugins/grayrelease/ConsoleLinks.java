package io.jenkins.plugins.grayrelease;

import hudson.console.HyperlinkNote;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;

/** Links from the console log to the build's Gray Release page and to a pending decision on it. */
public final class ConsoleLinks {

    private ConsoleLinks() {
    }

    public static String page(Run<?, ?> run) {
        return HyperlinkNote.encodeTo("/" + run.getUrl() + GrayReleaseAction.URL_NAME + "/", Messages.ConsoleLinks_page());
    }

    public static String approval(Run<?, ?> run, Approval approval) {
        return HyperlinkNote.encodeTo("/" + run.getUrl() + GrayReleaseAction.URL_NAME + "/#approval-" + approval.getId(),
                Messages.ConsoleLinks_approval());
    }
}
