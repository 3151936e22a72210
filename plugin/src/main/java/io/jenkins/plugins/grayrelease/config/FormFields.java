package io.jenkins.plugins.grayrelease.config;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import io.jenkins.plugins.grayrelease.cluster.ClusterCredentials;
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
 * check, each behind the same permission check: Configure on the folder, or Administer on Jenkins
 * for the system page ({@code item} null).
 */
final class FormFields {

    private FormFields() {
    }

    /** A blank form field means "not set here". */
    @CheckForNull
    static String clean(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value);
    }

    /**
     * Kubeconfig files and tokens visible in {@code item} (null: Jenkins itself); someone who may
     * not configure it sees only the current value.
     */
    static ListBoxModel clusterCredentials(@CheckForNull Item item, @CheckForNull String current, @CheckForNull String serverUrl) {
        return credentials(item, current, serverUrl, CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class)));
    }

    /** Tokens visible in {@code item} (null: Jenkins itself), as {@link #clusterCredentials} lists them. */
    static ListBoxModel tokenCredentials(@CheckForNull Item item, @CheckForNull String current, @CheckForNull String url) {
        return credentials(item, current, url, CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    /**
     * Only what a build can resolve: on the system page the Global-scope credentials (a build
     * never sees System-scoped ones), for the address's domain when an address is given.
     */
    private static ListBoxModel credentials(@CheckForNull Item item, @CheckForNull String current, @CheckForNull String url,
            CredentialsMatcher matcher) {
        String value = current == null ? "" : current;
        if (!mayConfigure(item)) {
            return new StandardListBoxModel().includeCurrentValue(value);
        }
        StandardListBoxModel result = new StandardListBoxModel();
        result.includeEmptyValue();
        List<DomainRequirement> domain = ClusterCredentials.requirements(clean(url));
        if (item == null) {
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, domain,
                    CredentialsMatchers.allOf(matcher, CredentialsMatchers.withScope(CredentialsScope.GLOBAL)));
        } else {
            result.includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, domain, matcher);
        }
        return result.includeCurrentValue(value);
    }

    /** The URL check for someone who may configure {@code item} (null: Jenkins itself); nothing for others. */
    static FormValidation checkUrl(@CheckForNull Item item, @CheckForNull String value) {
        return mayConfigure(item) ? checkUrlText(value) : FormValidation.ok();
    }

    private static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** Empty is fine (the next layer decides); otherwise an absolute http or https address with a host. */
    private static FormValidation checkUrlText(@CheckForNull String value) {
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
        if (uri.getRawUserInfo() != null) {
            return FormValidation.error(Messages.FormFields_UrlUserInfo());
        }
        return FormValidation.ok();
    }
}
