package io.jenkins.plugins.grayrelease.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened, last opened first, after each test. Register it as an instance field
 * and wrap the test's resources in {@link #add}:
 * <pre>{@code @RegisterExtension
 * final CloseAfterEach closing = new CloseAfterEach();
 * private final SandboxServer sandbox = closing.add(SandboxServer.start());}</pre>
 */
final class CloseAfterEach implements AfterEachCallback {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }
}
