package dev.switchboard.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A decision's plugins bind by type: a fast response answers without a model, and its mistakes have paths. */
class DecisionPluginsTest {

    private static final String GUARD = """
                - name: guard
                  priority: 300
                  rules: {operator: AND, conditions: [{type: keyword, name: code}]}
                  plugins:
                    - type: fast_response
                      configuration:
                        message: This request was blocked by policy.
                - name: coding
            """;

    private static String withGuard(String guard) {
        return ConfigValidationTest.VALID.replace("    - name: coding\n", guard);
    }

    @Test
    void shouldLoadADecisionThatAnswersItselfWithoutModelRefs() throws ConfigException {
        DecisionDefinition guard = ConfigLoader.parse(withGuard(GUARD), "guard.yaml").config().routing().decisions()
                .get(0);

        assertThat(guard.modelRefs()).isEmpty();
        assertThat(guard.fastResponse()).hasValueSatisfying(fast ->
                assertThat(fast.message()).isEqualTo("This request was blocked by policy."));
        assertThat(guard.responseCache()).isEmpty();
    }

    @Test
    void shouldRequireTheMessage() {
        assertThatThrownBy(() -> ConfigLoader.parse(withGuard(GUARD.replace(
                "message: This request was blocked by policy.", "message: \"\"")), "guard.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                        assertThat(p.path()).isEqualTo("routing.decisions[0].plugins[0].configuration.message")));
    }

    @Test
    void shouldNameAnUnknownFieldOfTheConfigurationWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(withGuard(GUARD.replace(
                "message: This request", "mesage: This request")), "guard.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo("routing.decisions[0].plugins[0].configuration.mesage");
                    assertThat(p.message()).contains("unknown field 'mesage'");
                }));
    }

    @Test
    void shouldStillRequireModelRefsOfADecisionWithoutAFastResponse() {
        String withoutPlugin = GUARD.substring(0, GUARD.indexOf("      plugins:"))
                + GUARD.substring(GUARD.indexOf("    - name: coding"));
        assertThatThrownBy(() -> ConfigLoader.parse(withGuard(withoutPlugin), "guard.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                        assertThat(p.path()).isEqualTo("routing.decisions[0].modelRefs")));
    }
}
