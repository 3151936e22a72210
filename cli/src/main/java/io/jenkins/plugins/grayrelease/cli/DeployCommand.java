package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grayctl deploy SERVICE --image IMAGE --version VERSION}: create or update the canary Deployment. */
// No standard --version option here: --version is the canary's version.
@Command(name = "deploy",
        description = "Create or update the canary Deployment as a copy of the stable one with a new image and "
                + "version label, and wait until its pods are ready (like kubectl rollout status). Routing does not "
                + "change; follow with 'weight' or 'testers'.")
final class DeployCommand extends ReleaseCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "The canary's container image.")
    String image;

    @Option(names = "--version", required = true, paramLabel = "VERSION",
            description = "The canary's version: its 'version' pod label and the subset that selects it.")
    String version;

    @Option(names = "--replicas", paramLabel = "N", description = "Replicas. Default: as many as the stable Deployment.")
    Integer replicas;

    @Option(names = "--from", paramLabel = "DEPLOYMENT",
            description = "The stable Deployment to copy. Default: the one serving the stable subset.")
    String from;

    @Option(names = "--container", paramLabel = "NAME", description = "The container to change. Default: the first.")
    String container;

    @Option(names = "--no-wait", description = "Return once the Deployment is written, without waiting for its pods.")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = WorkloadConverters.Wait.class,
            description = "Wait at most this long for the canary's pods (e.g. 5m). Default: the Deployment's"
                    + " progressDeadlineSeconds, Kubernetes' own deadline (600s unless it says otherwise).")
    java.time.Duration timeout;

    @Override
    void validate() {
        super.validate();
        if (noWait && timeout != null) {
            throw usage("--timeout with --no-wait", "Give one: --no-wait returns at once, --timeout bounds the wait");
        }
        if (replicas != null && replicas < 0) {
            throw usage("--replicas " + replicas + " is negative", "Give 0 or more, or leave --replicas out to copy the stable count");
        }
    }

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        progress().step("creating or updating the canary Deployment of " + target.namespace() + "/" + target.service()
                + " with " + image + " (version " + version + ")");
        WorkloadWait wait = (noWait ? WorkloadWait.none() : WorkloadWait.defaults()).withTimeout(timeout).withProgress(progress()::step);
        WorkloadStatus workload = session.engine().deployCanary(target, new CanaryDeployment(image, version, replicas, from, container), wait);
        printer.deployment(target.namespace(), target.service(), workload, routingStatus(session, target));
        return ExitCodes.OK;
    }

    /** The routing status to show beside the Deployment; a service not routed by Istio yet is fine here. */
    private ReleaseStatus routingStatus(ClusterSession session, ReleaseTarget target) {
        try {
            return session.engine().statusWithWorkloads(target);
        } catch (InvalidReleaseException e) {
            progress().step("no routing status yet: " + e.getMessage());
            return null;
        }
    }
}
