package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.grayrelease.core.support.Durations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Duration parameters of the steps, in the plan's form ({@code 90s}, {@code 30m}, {@code 1h30m}),
 * read by the engine's one parser. A whole number keeps the unit its parameter always documented
 * ({@code grayApproval(timeout: 30)} is 30 minutes); parameters that never had one need a unit.
 */
public final class StepDurations {

    private StepDurations() {
    }

    /**
     * For {@code CustomDescribableModel.customInstantiate}: a number given to a duration parameter
     * ({@code timeout: 30}) becomes its text, so the parameter can be a String that also takes {@code '90s'}.
     */
    public static Map<String, Object> numbersAsText(Map<String, Object> arguments, String... fields) {
        Map<String, Object> copy = new LinkedHashMap<>(arguments);
        for (String field : fields) {
            if (copy.get(field) instanceof Number n) {
                copy.put(field, n.toString());
            }
        }
        return copy;
    }

    /**
     * @param step           the step's function name, for the message ({@code grayApproval})
     * @param field          the parameter's name, for the message ({@code timeout})
     * @param bareNumberUnit the unit of a whole number, or null when a unit is required
     * @return the duration, or null when {@code text} is null
     * @throws AbortException naming the step, the parameter, the value and the accepted forms
     */
    @CheckForNull
    public static Duration parse(String step, String field, @CheckForNull String text, @CheckForNull ChronoUnit bareNumberUnit)
            throws AbortException {
        if (text == null) {
            return null;
        }
        try {
            return bareNumberUnit == null ? Durations.parse(text) : Durations.parse(text, bareNumberUnit);
        } catch (IllegalArgumentException e) {
            throw new AbortException(step + ": " + field + ": " + e.getMessage());
        }
    }

    /** The form's check of a duration field: the same parser and message as the step's. */
    public static FormValidation check(@CheckForNull String value, @CheckForNull ChronoUnit bareNumberUnit) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            Duration unused = bareNumberUnit == null ? Durations.parse(value) : Durations.parse(value, bareNumberUnit);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
