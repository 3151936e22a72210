package io.jenkins.plugins.grayrelease.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * What the global and the folder forms share: value clean-up, the credential lists and the URL
 * check. The callers check permissions first; nothing here looks at who is asking.
 */
final class FormFields {

    private FormFields() {
    }

    /** A blank form field means "not set here". */
    @CheckForNull
    static String clean(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value);
    }

    /** Kubeconfig files and tokens visible in {@code context} (null: Jenkins itself). */
    static ListBoxModel clusterCredentials(@CheckForNull Item context, @CheckForNull String current) {
        return credentials(context, current, CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class)));
    }

    /** Tokens visible in {@code context} (null: Jenkins itself). */
    static ListBoxModel tokenCredentials(@CheckForNull Item context, @CheckForNull String current) {
        return credentials(context, current, CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    private static ListBoxModel credentials(@CheckForNull Item context, @CheckForNull String current,
                                            com.cloudbees.plugins.credentials.CredentialsMatcher matcher) {
        StandardListBoxModel result = new StandardListBoxModel();
        result.includeEmptyValue();
        if (context == null) {
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), matcher);
        } else {
            result.includeMatchingAs(ACL.SYSTEM2, context, StandardCredentials.class, List.of(), matcher);
        }
        return result.includeCurrentValue(current == null ? "" : current);
    }

    /** Only the current value, for someone who may not list credentials. */
    static ListBoxModel currentOnly(@CheckForNull String current) {
        return new StandardListBoxModel().includeCurrentValue(current == null ? "" : current);
    }

    /** Empty is fine (the next layer decides); otherwise an absolute http or https address with a host. */
    static FormValidation checkUrl(@CheckForNull String value) {
        String url = clean(value);
        if (url == null) {
            return FormValidation.ok();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return FormValidation.error(Messages.FormFields_UrlMalformed(url, e.getReason()));
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return FormValidation.error(Messages.FormFields_UrlScheme(url));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return FormValidation.error(Messages.FormFields_UrlHost(url));
        }
        return FormValidation.ok();
    }
}
