package io.jenkins.plugins.grayrelease.action;

import java.io.IOException;
import java.io.PrintWriter;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * A refusal as one plain sentence with its HTTP status, so that a person, a script and a test
 * all read the same words (an error page would wrap them in markup, or drop them).
 */
public final class PlainResponse {

    private PlainResponse() {
    }

    public static HttpResponse of(int status, String sentence) {
        return new HttpResponse() {
            @Override
            public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
                rsp.setStatus(status);
                rsp.setContentType("text/plain;charset=UTF-8");
                try (PrintWriter w = rsp.getWriter()) {
                    w.println(sentence);
                }
            }
        };
    }
}
