package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.support.Durations;
import io.jenkins.plugins.grayrelease.core.rollout.ApprovalRequest;
import io.jenkins.plugins.grayrelease.core.rollout.ClusterDecision;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.Gate;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The approval gate of {@code grayctl rollout} and {@code grayctl demo}: prints the question to
 * {@code out} (stderr, on a line starting with {@code ?}) and reads answers from {@code in}
 * ({@code promote}, {@code rollback}, {@code weight 30}, {@code abort}, or their first letter;
 * {@code yes}/{@code no} for promote/rollback). With {@code autoApprove} ({@code --yes}) it
 * answers promote without asking. When the question can be answered on the cluster it also prints
 * the {@code grayctl decide} command that does it. When the input closes, {@code grayctl rollout}
 * waits for such an answer until the step's timeout; otherwise (the demo) nobody can answer any
 * more: the step's {@code onTimeout} is taken, else {@link Decision#WHEN_NOBODY_ANSWERS}.
 *
 * <p>Lines are read by one background thread into a queue, so that a question abandoned at its
 * timeout never swallows the answer meant for the next one, and waiting stays interruptible.
 */
public final class TerminalGate implements Gate {
    private static final Pattern WEIGHT = Pattern.compile("(?:w|weight|setweight)?\\s*(\\d{1,3})\\s*%?");

    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean autoApprove;
    private final String user;
    private final boolean waitWhenInputCloses;
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private Thread reader;

    /**
     * @param user recorded as who decided, e.g. the operating-system user name
     */
    public TerminalGate(Reader in, PrintWriter out, boolean autoApprove, String user) {
        this(in, out, autoApprove, user, false);
    }

    /**
     * @param waitWhenInputCloses when the input closes (CI jobs, no terminal) and the question can be
     *                            answered on the cluster ({@code grayctl decide}), wait for that answer
     *                            until the step's timeout rather than taking the timeout's decision at once
     */
    public TerminalGate(Reader in, PrintWriter out, boolean autoApprove, String user, boolean waitWhenInputCloses) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.out = out;
        this.autoApprove = autoApprove;
        this.user = user;
        this.waitWhenInputCloses = waitWhenInputCloses;
    }

    @Override
    public Decision decide(ApprovalRequest request) throws InterruptedException {
        return decide(request, ClusterDecision.pending(request.status())
                .filter(p -> p.question().answerableFromCluster())
                .map(p -> ClusterDecision.howToAnswer(request.status(), p)));
    }

    /**
     * Asks, naming {@code elsewhere} (the engine's {@code grayctl decide} command line, e.g. a fleet wave's, on one of
     * its members) as the other way to answer; with the input closed, waits for that answer when allowed to.
     */
    public Decision decide(ApprovalRequest request, Optional<String> elsewhere) throws InterruptedException {
        out.println("? Approval (step " + (request.step() + 1) + " of " + request.plan() + "): " + request.message());
        WeightSplit split = request.status() == null ? null : request.status().weights();
        if (split != null) {
            out.println("  now: stable " + split.stable() + " %, canary " + split.canary() + " %");
        }
        if (autoApprove) {
            if (request.allows(DecisionKind.PROMOTE)) {
                out.println("  promote (--yes)");
                out.flush();
                return Decision.promote("--yes");
            }
            out.println("  --yes cannot answer: this approval does not offer promote; asking instead");
        }
        elsewhere.ifPresent(command -> out.println("  or answer from any shell: " + command));
        String choices = request.allowed().stream().sorted().map(k -> k == DecisionKind.SET_WEIGHT ? "weight N"
                : k.planName()).collect(Collectors.joining(" | "));
        String timeout = request.timeout().map(d -> "  (after " + Durations.format(d) + ": "
                + request.onTimeout().orElse(Decision.WHEN_NOBODY_ANSWERS).planName() + ")").orElse("");
        while (true) {
            out.print("  " + choices + timeout + " > ");
            out.flush();
            Optional<String> line = nextLine();
            if (line.isEmpty() && waitWhenInputCloses && elsewhere.isPresent()) {
                out.println();
                out.println("  input closed: waiting for an answer from another shell " + request.timeout()
                        .map(d -> "until the timeout (after " + Durations.format(d) + ": "
                                + request.onTimeout().orElse(Decision.WHEN_NOBODY_ANSWERS).planName() + ")")
                        .orElse("(no timeout: until answered or cancelled)") + ": " + elsewhere.get());
                out.flush();
                new java.util.concurrent.CountDownLatch(1).await(); // the runner ends the wait: an answer, the timeout, a stop
            }
            if (line.isEmpty()) {
                Decision fallback = Decision.noAnswerPossible(request.onTimeout(), user);
                out.println();
                out.println("  input closed: taking " + fallback.kind().planName() + " (run with --yes to approve unattended)");
                out.flush();
                return fallback;
            }
            Decision decision = parse(line.get().trim().toLowerCase(Locale.ROOT));
            if (decision == null) {
                out.println("  not understood: '" + line.get().trim() + "'; answer one of: " + choices);
            } else if (!request.allows(decision.kind())) {
                out.println("  " + decision.kind().planName() + " is not offered here; answer one of: " + choices);
            } else {
                return decision;
            }
        }
    }

    private Decision parse(String answer) {
        switch (answer) {
            case "p", "promote", "y", "yes" -> {
                return Decision.promote(user);
            }
            case "r", "rollback", "roll back", "n", "no" -> {
                return Decision.rollback(user);
            }
            case "a", "abort" -> {
                return Decision.abort(user);
            }
            default -> {
                Matcher m = WEIGHT.matcher(answer);
                if (m.matches() && Integer.parseInt(m.group(1)) <= 100) {
                    return Decision.setWeight(Integer.parseInt(m.group(1)), user);
                }
                return null;
            }
        }
    }

    private Optional<String> nextLine() throws InterruptedException {
        synchronized (this) {
            if (reader == null) {
                reader = new Thread(this::readLines, "grayctl-approval-input");
                reader.setDaemon(true);
                reader.start();
            }
        }
        Optional<String> line = lines.take();
        if (line.isEmpty()) {
            lines.add(line); // input stays closed for later questions too
        }
        return line;
    }

    private void readLines() {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            // An unreadable input is a closed one: the question falls back like at end of input.
        }
        lines.add(Optional.empty());
    }
}
