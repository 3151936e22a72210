package io.jenkins.plugins.grayrelease.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Re2Check answers as RE2 does, including where java.util.regex (the old approximation) answers otherwise. */
class Re2CheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"^qa-.*$", "(?i)canary", "^(?P<team>qa|dev)$", "a{2,3}", "[[:alpha:]]+", "\\d+\\.\\d+",
        "\\pN", "\\Qa.b\\E"})
    void expressionsRe2AcceptsPass(String regex) {
        assertThat(Re2Check.problem(regex)).isNull();
    }

    /** RE2 syntax that Java's engine refuses: a Java-based check would have rejected valid Istio matches. */
    @ParameterizedTest
    @ValueSource(strings = {"(?P<n>x)", "a{,3}", "{", "\\p{Greek}", "\\0"})
    void re2AcceptsWhatJavaRefuses(String regex) {
        assertThatThrownBy(() -> Pattern.compile(regex)).isInstanceOf(PatternSyntaxException.class);
        assertThat(Re2Check.problem(regex)).isNull();
    }

    /** Java syntax that RE2 refuses: Envoy would reject these, so the engine must too, before writing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo(?=bar)|`(?=`",
        "foo(?!bar)|`(?!`",
        "(?<=x)y|(?<=x)y",
        "a++|`++`",
        "(a)\\1|`\\1`",
        "abc\\Z|`\\Z`",
        "a{1001}|`{1001}`",
        "\\h+|`\\h`",
        "\\R|`\\R`",
        "(?x) a b|`(?x`",
        "\\Gx|`\\G`",
        "x{2}{3}|`{2}{3}`"})
    void re2RefusesWhatJavaAccepts(String regex, String offending) {
        assertThatCode(() -> Pattern.compile(regex)).doesNotThrowAnyException();
        assertThat(Re2Check.problem(regex)).startsWith("regular expression '" + regex + "' is not accepted by RE2")
                .contains(offending.replace("`", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a-", "(ab", "*a"})
    void expressionsNeitherAcceptsAreExplained(String regex) {
        assertThat(Re2Check.problem(regex)).startsWith("regular expression '" + regex + "' is not accepted by RE2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"session=a.b", "x+y", "(v2)", "a|b", "$1^"})
    void quotedTextMatchesItselfLiterally(String text) {
        assertThat(text).matches(Re2Check.quote(text));
        assertThat(com.google.re2j.Pattern.matches(Re2Check.quote(text), text)).isTrue();
        assertThat(Re2Check.problem(Re2Check.quote(text))).isNull();
    }
}
