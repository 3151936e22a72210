package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;

/**
 * Reads a rollout plan from YAML. Strict on purpose: an unknown key is a typo that would
 * otherwise silently drop a safety setting, so it is an error naming the line, the field and
 * the keys that are allowed there.
 */
public final class PlanParser {
    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // 10.5 % must not quietly become 10 %.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final PlanKeys keys = new PlanKeys(yaml);

    private static final java.util.Map<Class<?>, String> SCALAR_STEPS = java.util.Map.of(
            SetWeightStep.class, "a whole number from 0 to 100",
            MirrorStep.class, "a whole number from 0 to 100",
            PauseStep.class, "a duration such as 30s or 5m");
    private static final java.util.Map<Class<?>, String> SCALAR_EXAMPLES = java.util.Map.of(
            SetWeightStep.class, "setWeight: 10", MirrorStep.class, "mirror: 20", PauseStep.class, "pause: 5m");

    public RolloutPlan parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidPlanException(file.toString(), 0, 0, "", "cannot read the plan file (" + e + ")",
                    "check the path given with -f");
        }
        return parse(text, file.getFileName().toString());
    }

    /**
     * @param source named in error messages, e.g. the file name
     * @throws InvalidPlanException naming line, column and field of the first problem
     */
    public RolloutPlan parse(String text, String source) {
        return parse(text, source, null);
    }

    /**
     * Reads a plan whose {@code target} section may be left out, e.g. in Jenkins, where the
     * enclosing {@code withGrayRelease} names the release.
     *
     * @param defaultTarget used when the plan has no {@code target}; null makes it required
     * @throws InvalidPlanException naming line, column and field of the first problem
     */
    public RolloutPlan parse(String text, String source, TargetSpec defaultTarget) {
        return parse(text, source, defaultTarget, null);
    }

    /**
     * Reads a plan whose {@code target} and {@code prometheus} sections may be left out, taking
     * the caller's (Jenkins: the enclosing block's target and the configured Prometheus).
     *
     * @param defaultPrometheus used when the plan has no {@code prometheus}; null leaves it required
     *     when the plan analyses
     * @throws InvalidPlanException naming line, column and field of the first problem
     */
    public RolloutPlan parse(String text, String source, TargetSpec defaultTarget, PrometheusSpec defaultPrometheus) {
        if (text == null || text.isBlank()) {
            throw new InvalidPlanException(source, 0, 0, "", "the plan is empty",
                    "start from the example in docs/plans.md (\"A complete plan\")");
        }
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidPlanException(source, line(at), column(at), "", "not valid YAML: "
                    + withoutSnippets(e.getOriginalMessage()), "fix the YAML syntax (indentation, quotes, colons)");
        }
        if (!(tree instanceof ObjectNode plan)) {
            throw new InvalidPlanException(source, 1, 1, "", "a plan is a map with 'target' and 'steps'",
                    "start from the example in docs/plans.md (\"A complete plan\")");
        }
        if (defaultTarget != null && !plan.has("target")) {
            plan.set("target", yaml.valueToTree(defaultTarget));
        }
        if (defaultPrometheus != null && !plan.has("prometheus")) {
            plan.set("prometheus", yaml.valueToTree(defaultPrometheus));
        }
        // Unknown keys first: a misspelled required key is the typo, not a missing key.
        java.util.Optional<PlanKeys.Problem> unknown = keys.firstUnknown(plan);
        if (unknown.isPresent()) {
            throw unknownKey(unknown.get(), plan, source, PlanLocations.index(text));
        }
        try {
            return bind(plan);
        } catch (JsonMappingException e) {
            throw translate(e, source, PlanLocations.index(text));
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(source, 0, 0, "", e.getOriginalMessage(), "fix the plan");
        }
    }

    private RolloutPlan bind(ObjectNode plan) throws JsonProcessingException {
        // Bound from the tree: Jackson then knows paths but not lines, which PlanLocations supplies.
        return yaml.treeToValue(plan, RolloutPlan.class);
    }

    private InvalidPlanException unknownKey(PlanKeys.Problem p, ObjectNode plan, String source, PlanLocations locations) {
        String problem;
        String hint;
        if (p.twoKinds()) {
            problem = "a step has one kind, this one has " + p.kinds().size() + ": " + quotedList(p.kinds());
            hint = "each step is one of " + String.join(", ", Step.KINDS) + "; put each on its own '- ' line";
        } else if (p.section().equals("step")) {
            problem = "unknown step '" + p.key() + "'" + (p.suggestion() == null ? "" : "; did you mean '" + p.suggestion() + "'?");
            hint = "a step is one of: " + String.join(", ", Step.KINDS);
        } else {
            problem = "unknown key '" + p.key() + "' " + p.section()
                    + (p.suggestion() == null ? "" : "; did you mean '" + p.suggestion() + "'?" + requiredNote(p, plan, locations));
            hint = "allowed " + p.section() + ": " + String.join(", ", p.known());
        }
        int[] at = locations.find(p.path());
        return new InvalidPlanException(source, at == null ? 0 : at[0], at == null ? 0 : at[1], p.path(), problem, hint);
    }

    /** " ('service' is required)" when the suggested key is absent and the plan cannot do without it. */
    private String requiredNote(PlanKeys.Problem p, ObjectNode plan, PlanLocations locations) {
        String section = p.path().contains(".") ? p.path().substring(0, p.path().lastIndexOf('.')) : "";
        String wanted = section.isEmpty() ? p.suggestion() : section + "." + p.suggestion();
        try {
            bind(plan);
        } catch (JsonMappingException e) {
            if (translate(e, "", locations).path().equals(wanted)) {
                return " ('" + p.suggestion() + "' is required)";
            }
        } catch (JsonProcessingException e) {
            return "";
        }
        return "";
    }

    private static String quotedList(java.util.List<String> words) {
        java.util.List<String> quoted = words.stream().map(w -> "'" + w + "'").toList();
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    private static InvalidPlanException translate(JsonMappingException e, String source, PlanLocations locations) {
        String path = path(e, locations);
        FieldProblem field = fieldProblem(e);
        if (field != null) {
            path = path.isEmpty() ? field.field() : path + "." + field.field();
        }
        String problem;
        String hint;
        if (e.getCause() instanceof StreamReadException s) {
            problem = "not valid YAML: " + s.getOriginalMessage();
            hint = "fix the YAML syntax (indentation, quotes, colons)";
        } else if (e instanceof UnrecognizedPropertyException u) {
            // PlanKeys finds unknown keys first; this is the safety net for any it cannot see.
            problem = "unknown key '" + u.getPropertyName() + "'";
            hint = "allowed here: " + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidTypeIdException t) {
            problem = "unknown step '" + t.getTypeId() + "'";
            hint = "a step is one of: " + String.join(", ", Step.KINDS);
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            problem = rootMessage(v.getCause());
            hint = "see docs/plans.md";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            problem = "'" + f.getValue() + "' is not allowed";
            hint = "use one of: " + enumNames(f.getTargetType());
        } else if (e instanceof InvalidFormatException f) {
            problem = "'" + f.getValue() + "' is not " + describe(f.getTargetType());
            hint = "write " + describe(f.getTargetType());
        } else if (e instanceof MismatchedInputException m && SCALAR_STEPS.containsKey(m.getTargetType())) {
            problem = "wrong kind of value, expected " + SCALAR_STEPS.get(m.getTargetType());
            hint = "write it on one line, e.g. - " + SCALAR_EXAMPLES.get(m.getTargetType());
        } else if (e instanceof MismatchedInputException m) {
            problem = "wrong kind of value" + (m.getTargetType() == null ? "" : ", expected "
                    + describe(m.getTargetType()));
            hint = "see docs/plans.md for this field's form";
        } else {
            problem = e.getOriginalMessage();
            hint = "see docs/plans.md";
        }
        // A syntax problem found while binding (a duplicate key) is best shown where Jackson saw it.
        boolean syntax = e.getCause() instanceof StreamReadException;
        int[] at = syntax ? null : locations.find(path);
        if (at == null) {
            JsonLocation jackson = e.getLocation();
            at = new int[] {line(jackson), column(jackson)};
        }
        return new InvalidPlanException(source, at[0], at[1], path, problem, hint);
    }

    /** The YAML scanner's message without its indented excerpts of the file (the line is given separately). */
    private static String withoutSnippets(String message) {
        return message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining(": "));
    }

    private static FieldProblem fieldProblem(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof FieldProblem f) {
                return f;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /**
     * {@code steps[2].approval.timeout}, from Jackson's reference chain. Jackson leaves out a
     * step's kind (the wrapper key), which the file's own structure supplies.
     */
    private static String path(JsonMappingException e, PlanLocations locations) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                boolean step = out.toString().endsWith("steps"); // a plan's steps or a wave's
                out.append('[').append(ref.getIndex()).append(']');
                String kind = step ? locations.firstKey(out.toString()) : null;
                if (kind != null) {
                    out.append('.').append(kind);
                }
            }
        }
        return out.toString();
    }

    private static String enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> {
            try {
                JsonProperty name = type.getField(((Enum<?>) c).name()).getAnnotation(JsonProperty.class);
                return name != null ? name.value() : ((Enum<?>) c).name();
            } catch (NoSuchFieldException impossible) {
                return ((Enum<?>) c).name();
            }
        }).collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a map of names to values";
        }
        if (type == Step.class) {
            return "a step of one kind, such as setWeight: 10";
        }
        String section = type.getSimpleName().replaceAll("(Spec|Settings|Step)$", "").toLowerCase();
        return section.isEmpty() ? "a section (a map of keys to values)" : "a " + section + " section";
    }

    private static int line(JsonLocation at) {
        return at == null ? 0 : at.getLineNr();
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : at.getColumnNr();
    }
}
