package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the first key a plan does not know, before the plan is bound: a misspelled required
 * key ({@code servce:}) is then reported as what it is, with the key it resembles, instead of as
 * the required key missing. The known keys are read from the plan's own records (their Jackson
 * properties) and {@link Step}'s subtypes, so a new section or step kind needs no list here.
 */
final class PlanKeys {

    /** A key where the plan has none of that name, or a step with more than one kind. */
    record Problem(String path, String key, String section, List<String> known, String suggestion, List<String> kinds) {

        boolean twoKinds() {
            return kinds != null;
        }
    }

    private final ObjectMapper mapper;

    PlanKeys(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Optional<Problem> firstUnknown(JsonNode plan) {
        return Optional.ofNullable(visit(plan, mapper.constructType(RolloutPlan.class), ""));
    }

    private Problem visit(JsonNode node, JavaType type, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (!node.isArray()) {
                return null;
            }
            for (int i = 0; i < node.size(); i++) {
                Problem p = visit(node.get(i), type.getContentType(), path + "[" + i + "]");
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (!node.isObject() || type.isMapLikeType() || type.isPrimitive() || type.getRawClass().getName().startsWith("java.")) {
            return null;
        }
        if (type.getRawClass() == Step.class) {
            return step(node, path);
        }
        JavaType delegate = delegate(type.getRawClass());
        if (delegate != null && !isScalar(delegate)) {
            // Bound through its delegate (an analysis step is its settings section).
            return visit(node, delegate, path);
        }
        if (delegate != null && !hasPropertyCreator(type.getRawClass())) {
            // Only a short form (setCanaryScale: 2): binding says what kind of value it wants.
            return null;
        }
        Map<String, JavaType> keys = properties(type);
        if (keys.isEmpty()) {
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String child = path.isEmpty() ? key : path + "." + key;
            JavaType childType = keys.get(key);
            if (childType == null) {
                List<String> known = keys.keySet().stream().sorted().toList();
                return new Problem(child, key, path.isEmpty() ? "at the top level" : "in " + path, known,
                        Suggestions.closest(key, known).orElse(null), null);
            }
            Problem p = visit(node.get(key), childType, child);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private Problem step(JsonNode node, String path) {
        Map<String, Class<?>> kinds = stepKinds();
        List<String> given = new ArrayList<>();
        node.fieldNames().forEachRemaining(given::add);
        if (given.size() > 1) {
            return new Problem(path, null, path, Step.KINDS, null, given);
        }
        if (given.isEmpty()) {
            return null;
        }
        String kind = given.get(0);
        Class<?> stepType = kinds.get(kind);
        if (stepType == null) {
            return new Problem(path + "." + kind, kind, "step", Step.KINDS, Suggestions.closest(kind, Step.KINDS).orElse(null), null);
        }
        return visit(node.get(kind), mapper.constructType(stepType), path + "." + kind);
    }

    private static Map<String, Class<?>> stepKinds() {
        Map<String, Class<?>> kinds = new LinkedHashMap<>();
        for (JsonSubTypes.Type t : Step.class.getAnnotation(JsonSubTypes.class).value()) {
            kinds.put(t.name(), t.value());
        }
        return kinds;
    }

    /** The keys Jackson binds for {@code type}, with their types. */
    private Map<String, JavaType> properties(JavaType type) {
        Map<String, JavaType> keys = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : mapper.getDeserializationConfig().introspect(type).findProperties()) {
            if (p.couldDeserialize() && p.getPrimaryType() != null) {
                keys.put(p.getName(), p.getPrimaryType());
            }
        }
        return keys;
    }

    private static boolean isScalar(JavaType type) {
        return type.isPrimitive() || type.getRawClass().getName().startsWith("java.lang.");
    }

    /** Whether a constructor takes named keys ({@code @JsonProperty} on each parameter), like {@code DestinationSpec}'s. */
    private static boolean hasPropertyCreator(Class<?> type) {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.getParameterCount() > 0 && java.util.Arrays.stream(c.getParameters())
                    .allMatch(p -> p.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonProperty.class))) {
                return true;
            }
        }
        return false;
    }

    /** The parameter type of a delegating creator ({@code AnalysisStep(AnalysisSettings)}), or null. */
    private JavaType delegate(Class<?> type) {
        return Stream.concat(Stream.<Executable>of(type.getDeclaredConstructors()), Stream.<Executable>of(type.getDeclaredMethods()))
                .filter(e -> e instanceof Constructor<?> || java.lang.reflect.Modifier.isStatic(((Method) e).getModifiers()))
                .filter(e -> e.getParameterCount() == 1)
                .filter(e -> {
                    JsonCreator c = e.getAnnotation(JsonCreator.class);
                    return c != null && c.mode() == JsonCreator.Mode.DELEGATING;
                })
                .map(e -> mapper.constructType(e.getGenericParameterTypes()[0]))
                .findFirst().orElse(null);
    }
}
