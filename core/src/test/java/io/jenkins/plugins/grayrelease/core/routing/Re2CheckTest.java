package io.jenkins.plugins.grayrelease.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Re2CheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"^qa-.*$", "(?i)canary", "^(?P<team>qa|dev)$", "a{2,3}", "[[:alpha:]]+", "\\d+\\.\\d+"})
    void expressionsRe2AcceptsPass(String regex) {
        assertThat(Re2Check.problem(regex)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(a)\\1|'\\1' in regular expression '(a)\\1' is not supported by RE2",
        "foo(?!bar)|'(?!' in regular expression 'foo(?!bar)' is not supported by RE2",
        "(?<=x)y|'(?<=' in regular expression '(?<=x)y' is not supported by RE2",
        "a++|'a'",
        "(?>ab)|'(?>' in regular expression '(?>ab)' is not supported by RE2",
        "[a-|regular expression '[a-' does not compile"})
    void expressionsRe2RefusesAreExplained(String regex, String start) {
        assertThat(Re2Check.problem(regex)).contains(start.equals("'a'") ? "is not supported by RE2" : start);
    }

    @ParameterizedTest
    @ValueSource(strings = {"session=a.b", "x+y", "(v2)", "a|b", "$1^"})
    void quotedTextMatchesItselfLiterally(String text) {
        assertThat(text).matches(Re2Check.quote(text));
        assertThat(Re2Check.problem(Re2Check.quote(text))).isNull();
    }
}
