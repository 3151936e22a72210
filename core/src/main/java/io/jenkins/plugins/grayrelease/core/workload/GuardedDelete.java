package io.jenkins.plugins.grayrelease.core.workload;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.HttpURLConnection;
import java.util.concurrent.ExecutionException;

/**
 * Deletes a Deployment only if it is still exactly the object the engine read: the request carries
 * {@code DeleteOptions.preconditions} with its {@code uid} and {@code resourceVersion}, so the API
 * server answers 409 Conflict, deleting nothing, when the Deployment was replaced by another of the
 * same name or changed since it was read. (fabric8's {@code lockResourceVersion().delete()} sends the
 * resourceVersion alone, so the request is built here.)
 */
final class GuardedDelete {

    private GuardedDelete() {
    }

    /**
     * @param seen the Deployment as read (its uid and resourceVersion are the preconditions)
     * @return false when it was gone already (404)
     * @throws KubernetesClientException with the server's code (409 when a precondition failed)
     */
    static boolean delete(KubernetesClient client, Deployment seen) {
        DeleteOptions options = new DeleteOptionsBuilder().withApiVersion("v1").withKind("DeleteOptions")
                .withPropagationPolicy("Background")
                .withNewPreconditions().withUid(seen.getMetadata().getUid()).withResourceVersion(seen.getMetadata().getResourceVersion())
                .endPreconditions().build();
        String url = client.getMasterUrl().toString().replaceAll("/+$", "") + "/apis/apps/v1/namespaces/"
                + seen.getMetadata().getNamespace() + "/deployments/" + seen.getMetadata().getName();
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url)
                .delete("application/json", client.getKubernetesSerialization().asJson(options)).build();
        HttpResponse<String> response;
        try {
            response = client.getHttpClient().sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
        }
        if (response.isSuccessful()) {
            return true;
        }
        if (response.code() == HttpURLConnection.HTTP_NOT_FOUND) {
            return false;
        }
        Status status = status(client, response.body());
        // With the request, the exception knows the resource and namespace, as for the client's own calls.
        throw new KubernetesClientException(status.getMessage() == null ? "DELETE " + url + " answered " + response.code() : status.getMessage(),
                null, response.code(), status, request);
    }

    private static Status status(KubernetesClient client, String body) {
        try {
            return client.getKubernetesSerialization().unmarshal(body, Status.class);
        } catch (RuntimeException e) {
            return new Status();
        }
    }
}
