package io.jenkins.plugins.grayrelease;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.util.Secret;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** What the Jenkins tests share: users, the cluster credential, the Jenkinsfile, and answering from the page. */
final class ReleaseJenkins {

    /** How an approval takes an answer: a redirect back to the build's Gray Release page. */
    static final int ACCEPTED = 302;

    /** A token the log must never show. */
    static final String TOKEN = "s3cr3t-token-value";
    static final String CREDENTIALS_ID = "k8s-token";

    private ReleaseJenkins() {
    }

    /**
     * alice may build, bob may only read, carol may read and cancel; everyone reads. Passwords
     * are the user names (the test security realm).
     */
    static void secure(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("alice", "bob", "carol", "dave")
                .grant(Item.BUILD).everywhere().to("alice")
                .grant(Item.CANCEL).everywhere().to("carol"));
    }

    /** Adds the string credential {@link #CREDENTIALS_ID} holding {@link #TOKEN}, unless it is there already. */
    static void addTokenCredential(JenkinsRule r) throws Exception {
        CredentialsStore store = CredentialsProvider.lookupStores(r.jenkins).iterator().next();
        if (store.getCredentials(Domain.global()).stream().noneMatch(c -> c instanceof IdCredentials id && CREDENTIALS_ID.equals(id.getId()))) {
            store.addCredentials(Domain.global(),
                    new StringCredentialsImpl(CredentialsScope.GLOBAL, CREDENTIALS_ID, "mock cluster token", Secret.fromString(TOKEN)));
        }
    }

    /** Kubeconfig credentials {@code eu-1} and {@code us-1} for a fleet of two sandbox clusters. */
    static void addFleetCredentials(JenkinsRule r, MockCluster eu, MockCluster us) throws Exception {
        addKubeconfigCredential(r, "eu-1", eu);
        addKubeconfigCredential(r, "us-1", us);
    }

    /**
     * Adds a kubeconfig credential ({@code Secret file}) {@code id} for {@code cluster}: one context,
     * also called {@code id}, with namespace shop and a token that is no secret.
     */
    static void addKubeconfigCredential(JenkinsRule r, String id, MockCluster cluster) throws Exception {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters: [{name: %1$s, cluster: {server: '%2$s'}}]
                users: [{name: ci, user: {token: not-a-secret}}]
                contexts: [{name: %1$s, context: {cluster: %1$s, user: ci, namespace: shop}}]
                current-context: %1$s
                """.formatted(id, cluster.url());
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new FileCredentialsImpl(CredentialsScope.GLOBAL, id, "kubeconfig of " + id, "kubeconfig.yaml",
                        SecretBytes.fromBytes(kubeconfig.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * A withGrayRelease block around {@code body} on the sample release (shop/reviews, stable v1,
     * canary v2) reached with the token credential ({@link #CREDENTIALS_ID}) at the cluster's address.
     */
    static String sampleBlock(MockCluster cluster, String body) {
        return "withGrayRelease(namespace: 'shop', service: 'reviews', stable: 'v1', canary: 'v2',\n"
                + "    credentialsId: '" + CREDENTIALS_ID + "', serverUrl: '" + cluster.url() + "') {\n"
                + body
                + "}\n";
    }

    /** The README's release Jenkinsfile: 10 %, ask, then promote or roll back as answered. */
    static String releaseScript(MockCluster cluster, String approvalArgs) {
        return sampleBlock(cluster, "  def s = grayRelease(weight: 10)\n"
                + "  echo \"canary weight is ${s.weights.canary}\"\n"
                + "  def d = grayApproval(message: 'Promote?'" + approvalArgs + ")\n"
                + "  echo \"decision: ${d.decision} by ${d.decidedBy}\"\n"
                + "  if (d.decision == 'promote') { grayPromote() } else { grayRollback() }\n");
    }

    /** The job {@code shop-release} running {@link #releaseScript}, with the token credential it uses. */
    static WorkflowJob releaseJob(JenkinsRule r, MockCluster cluster, String approvalArgs) throws Exception {
        return pipeline(r, "shop-release", releaseScript(cluster, approvalArgs));
    }

    /** A job running {@code body} inside {@link #sampleBlock}, with the token credential it uses. */
    static WorkflowJob sampleJob(JenkinsRule r, MockCluster cluster, String name, String body) throws Exception {
        return pipeline(r, name, sampleBlock(cluster, body));
    }

    /**
     * A Pipeline job named {@code name} whose Jenkinsfile is {@code script} (run in the Groovy
     * sandbox), with the token credential added (adding it again is harmless).
     */
    static WorkflowJob pipeline(JenkinsRule r, String name, String script) throws Exception {
        addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** Starts the build and returns once it waits for the decision. */
    static WorkflowRun startAndWaitForApproval(JenkinsRule r, WorkflowJob p) throws Exception {
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Promote?", b);
        return b;
    }

    static Approval pendingApproval(WorkflowRun b) {
        List<Approval> pending = b.getAction(GrayReleaseAction.class).getPendingApprovals();
        if (pending.size() != 1) {
            throw new AssertionError("expected one pending approval, found " + pending.size());
        }
        return pending.get(0);
    }

    /** Presses the job page's emergency Roll back as {@code user}. */
    static Answer emergencyRollBack(JenkinsRule r, WorkflowJob job, String user) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        WebRequest request = new WebRequest(new URL(r.getURL(), job.getUrl() + GrayReleaseAction.URL_NAME + "/rollback"), HttpMethod.POST);
        Page page = wc.getPage(wc.addCrumb(request));
        return new Answer(page.getWebResponse().getStatusCode(), page.getWebResponse().getContentAsString());
    }

    /** What the server said to a button press. */
    record Answer(int status, String body) {
    }

    /**
     * Presses a button of the build page as {@code user} (null: anonymous): a POST with the crumb
     * to the approval's own address. Redirects are not followed, so the status is the answer's own.
     */
    static Answer answer(JenkinsRule r, WorkflowRun b, String user, String approvalId, String decision, String weight) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        wc.getOptions().setRedirectEnabled(false);
        String query = "decision=" + decision + (weight == null ? "" : "&weight=" + weight);
        WebRequest request = new WebRequest(new URL(r.getURL(), b.getUrl() + GrayReleaseAction.URL_NAME + "/" + approvalId
                + "/decide?" + query), HttpMethod.POST);
        Page page = wc.getPage(wc.addCrumb(request));
        return new Answer(page.getWebResponse().getStatusCode(), page.getWebResponse().getContentAsString());
    }
}
