package io.jenkins.plugins.grayrelease.cli;

/** Placeholder entry point; the commands arrive with the grayctl work. */
public final class GrayCtl {
    public static void main(String[] args) {
        System.err.println("grayctl: not built yet");
        System.exit(1);
    }
}
