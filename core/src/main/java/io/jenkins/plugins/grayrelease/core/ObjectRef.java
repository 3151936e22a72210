package io.jenkins.plugins.grayrelease.core;

import java.util.Objects;

/** A Kubernetes object as users name it in messages: {@code namespace/Kind/name}. */
public record ObjectRef(String namespace, String kind, String name) {

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ObjectRef virtualService(String namespace, String name) {
        return new ObjectRef(namespace, "VirtualService", name);
    }

    public static ObjectRef destinationRule(String namespace, String name) {
        return new ObjectRef(namespace, "DestinationRule", name);
    }

    public static ObjectRef deployment(String namespace, String name) {
        return new ObjectRef(namespace, "Deployment", name);
    }

    @Override
    public String toString() {
        return (namespace == null ? "" : namespace + "/") + kind + "/" + name;
    }
}
