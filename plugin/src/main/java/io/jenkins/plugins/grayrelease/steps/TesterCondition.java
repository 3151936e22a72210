package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterMatch.Kind;
import java.io.Serializable;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One way a tester's request is recognised and sent to the canary:
 * {@code [name: 'x-tester', value: 'yes']} (header, exact), {@code kind: 'header-prefix'},
 * {@code kind: 'header-regex'}, or {@code kind: 'cookie'}: the words of {@link Kind}, the same as
 * grayctl's options and the status document's, so {@code grayStatus().testers} can be given back
 * as they are. The older {@code prefix}/{@code regex} are still read and kept as the new word.
 */
public final class TesterCondition extends AbstractDescribableImpl<TesterCondition> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String value;
    private String kind = Kind.HEADER_EXACT.word();

    @DataBoundConstructor
    public TesterCondition(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        if (kind == null || kind.isBlank()) {
            this.kind = Kind.HEADER_EXACT.word();
            return;
        }
        try {
            this.kind = Kind.parse(kind).word();
        } catch (TesterMatch.UnknownKindException e) {
            // Kept as typed: the step says so on the Pipeline thread (toMatch), before anything connects.
            this.kind = kind.trim();
        }
    }

    TesterMatch toMatch() {
        try {
            return new TesterMatch(Kind.parse(kind), name, value);
        } catch (TesterMatch.UnknownKindException e) {
            throw new IllegalArgumentException(Messages.TesterCondition_unknownKind(kind, name, Kind.words()), e);
        }
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<TesterCondition> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TesterCondition_displayName();
        }

        public ListBoxModel doFillKindItems() {
            ListBoxModel m = new ListBoxModel();
            m.add(Messages.TesterCondition_header(), Kind.HEADER_EXACT.word());
            m.add(Messages.TesterCondition_prefix(), Kind.HEADER_PREFIX.word());
            m.add(Messages.TesterCondition_regex(), Kind.HEADER_REGEX.word());
            m.add(Messages.TesterCondition_cookie(), Kind.COOKIE.word());
            return m;
        }
    }
}
