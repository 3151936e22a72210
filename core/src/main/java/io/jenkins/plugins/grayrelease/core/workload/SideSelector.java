package io.jenkins.plugins.grayrelease.core.workload;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pods one side of a release sends to, selected as Istio selects them: the Service's selector
 * <em>and</em> the subset's labels (a DestinationRule subset narrows the Service's endpoints; it
 * never widens them). In the two-host and HTTPRoute layouts a side is a whole Service and
 * {@code subsetLabels} is empty. So in Istio's Bookinfo, where every service has a subset
 * {@code v1: {version: v1}}, reviews' stable side is {@code app=reviews,version=v1} and never
 * {@code details-v1}.
 *
 * @param service         the Service whose endpoints the side is part of, e.g. {@code reviews}
 * @param serviceSelector the Service's {@code spec.selector}
 * @param subsetLabels    the subset's labels, or empty for a whole Service
 */
public record SideSelector(String service, Map<String, String> serviceSelector, Map<String, String> subsetLabels) {

    public SideSelector {
        serviceSelector = Map.copyOf(serviceSelector);
        subsetLabels = subsetLabels == null ? Map.of() : Map.copyOf(subsetLabels);
    }

    /**
     * Whether the two parts can select anything at all: false when they ask one label for two
     * different values (a subset {@code app: ratings} of the reviews Service).
     */
    public boolean consistent() {
        return subsetLabels.entrySet().stream().noneMatch(e -> serviceSelector.containsKey(e.getKey())
                && !serviceSelector.get(e.getKey()).equals(e.getValue()));
    }

    /** Both parts as one label map (what a pod must carry), in a stable order. */
    public Map<String, String> labels() {
        Map<String, String> all = new LinkedHashMap<>();
        serviceSelector.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> all.put(e.getKey(), e.getValue()));
        subsetLabels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> all.putIfAbsent(e.getKey(), e.getValue()));
        return all;
    }

    /** Whether pods with these labels belong to the side. An empty selector selects nothing (never "everything"). */
    public boolean selects(Map<String, String> podLabels) {
        if (!consistent() || (serviceSelector.isEmpty() && subsetLabels.isEmpty()) || podLabels == null) {
            return false;
        }
        return labels().entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    /** The Deployments whose pod template this side selects, in the order given. */
    public List<Deployment> select(List<Deployment> deployments) {
        return deployments.stream()
                .filter(d -> d.getSpec() != null && d.getSpec().getTemplate() != null && d.getSpec().getTemplate().getMetadata() != null)
                .filter(d -> selects(d.getSpec().getTemplate().getMetadata().getLabels()))
                .toList();
    }

    /** kubectl's label selector syntax: {@code app=reviews,version=v1}. */
    public String labelSelector() {
        return labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return labelSelector();
    }
}
