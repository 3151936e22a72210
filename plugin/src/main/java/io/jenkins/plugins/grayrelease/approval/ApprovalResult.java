package io.jenkins.plugins.grayrelease.approval;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.util.LinkedHashMap;

/**
 * What {@code grayApproval} returns: the decision document ({@code d.decision},
 * {@code d.decidedBy}, {@code d.weight}, {@code d.timedOut}) that also compares like the
 * {@code input} step's string result, because that is how Jenkins users write it:
 * {@code if (d == 'promote')} is true exactly when {@code d.decision == 'promote'}.
 *
 * <p>Comparing with a word that is no decision ({@code d == 'promoted'}) fails the build with a
 * sentence naming {@code d.decision} instead of being silently false. Groovy evaluates
 * {@code 'promote' == d} (the string first) without asking this object, so the docs write
 * the decision first or uses {@code d.decision}.
 */
@SuppressFBWarnings(value = "EQ_CHECK_FOR_OPERAND_NOT_COMPATIBLE_WITH_THIS",
        justification = "Equal to its own decision word on purpose: Jenkinsfiles compare results with strings")
public final class ApprovalResult extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    /** Not named like a key: a Jenkinsfile reads the keys as properties. */
    private final String decisionWord;

    ApprovalResult(Decision d) {
        super(StatusDocument.decision(d));
        this.decisionWord = d.kind().planName();
    }

    /**
     * A string is compared with the decision; a word that is no decision is a mistake in the
     * Jenkinsfile, reported rather than answered with {@code false}. Maps compare as maps.
     *
     * @throws IllegalArgumentException when {@code other} is a string that names no decision
     */
    @Override
    public boolean equals(Object other) {
        if (other instanceof CharSequence text) {
            String word = text.toString();
            try {
                return DecisionKind.parse(word).planName().equals(decisionWord);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.ApprovalResult_notADecision(word, DecisionKind.names(), decisionWord), e);
            }
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** The decision word, as {@code input}'s string result would be. */
    @Override
    public String toString() {
        return decisionWord;
    }
}
