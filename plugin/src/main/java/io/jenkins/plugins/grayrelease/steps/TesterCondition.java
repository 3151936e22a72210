package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import java.io.Serializable;
import java.util.Locale;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One way a tester's request is recognised and sent to the canary:
 * {@code [name: 'x-tester', value: 'yes']} (header, exact), {@code kind: 'prefix'},
 * {@code kind: 'regex'}, or {@code kind: 'cookie'}.
 */
public final class TesterCondition extends AbstractDescribableImpl<TesterCondition> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String value;
    private String kind = "header";

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
        this.kind = kind == null || kind.isBlank() ? "header" : kind.trim().toLowerCase(Locale.ROOT);
    }

    TesterMatch toMatch() {
        switch (kind) {
            case "header":
                return TesterMatch.header(name, value);
            case "prefix":
                return TesterMatch.headerPrefix(name, value);
            case "regex":
                return TesterMatch.headerRegex(name, value);
            case "cookie":
                return TesterMatch.cookie(name, value);
            default:
                throw new IllegalArgumentException(Messages.TesterCondition_unknownKind(kind, name));
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
            m.add(Messages.TesterCondition_header(), "header");
            m.add(Messages.TesterCondition_prefix(), "prefix");
            m.add(Messages.TesterCondition_regex(), "regex");
            m.add(Messages.TesterCondition_cookie(), "cookie");
            return m;
        }
    }
}
