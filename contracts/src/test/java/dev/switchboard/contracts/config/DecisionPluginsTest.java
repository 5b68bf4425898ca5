package dev.switchboard.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    /** The valid config with these plugin lines (indented as list items of {@code plugins}) on its first decision. */
    private static String withPlugins(String... lines) {
        String plugins = "      plugins:\n" + String.join("\n", List.of(lines).stream().map(l -> "  " + l).toList())
                + "\n      algorithm:\n        type: grouped";
        return ConfigValidationTest.VALID.replace("      algorithm:\n        type: grouped", plugins);
    }

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
    void shouldBindTheRequestRewritesOfADecision() throws ConfigException {
        String rewriting = withPlugins(
                "    - type: system_prompt",
                "      configuration: {mode: insert, system_prompt: You write Python.}",
                "    - type: request_params",
                "      configuration: {blocked_params: [logprobs], max_tokens_limit: 2048}",
                "    - type: header_mutation",
                "      configuration: {add: [{name: x-tier, value: gold}], delete: [x-debug]}");

        RequestRewrite rewrite = ConfigLoader.parse(rewriting, "rewrites.yaml").config().routing().decisions().get(0)
                .rewrite();

        assertThat(rewrite.systemPrompt().mode()).isEqualTo(SystemPromptPlugin.INSERT);
        assertThat(rewrite.params().maxTokensLimit()).isEqualTo(2048);
        assertThat(rewrite.headers().set()).extracting(HeaderMutationPlugin.Header::name).containsExactly("x-tier");
        assertThat(rewrite.headers().delete()).containsExactly("x-debug");
    }

    @Test
    void shouldKeepReplayRecordsWithoutTheBodiesTheReferenceCaptures() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.parse(withPlugins(
                "    - type: router_replay",
                "      configuration: {enabled: true, max_records: 500, capture_request_body: true, max_body_bytes: 2048}"),
                "replay.yaml");

        assertThat(loaded.config().routing().decisions().get(0).routerReplay())
                .hasValueSatisfying(replay -> assertThat(replay.maxRecords()).isEqualTo(500));
        assertThat(loaded.warnings()).filteredOn(w -> w.path().endsWith("capture_request_body")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("bodies are never captured"));
        assertThatThrownBy(() -> ConfigLoader.parse(withPlugins("    - type: router_replay",
                "      configuration: {max_records: 100000}"), "replay.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                        assertThat(p.path()).isEqualTo("routing.decisions[0].plugins[0].configuration.max_records")));
    }

    @Test
    void shouldRefuseAHeaderMutationOfTheRequestsCredentials() {
        String rewriting = withPlugins(
                "    - type: header_mutation",
                "      configuration: {update: [{name: Authorization, value: Bearer x}]}");

        assertThatThrownBy(() -> ConfigLoader.parse(rewriting, "rewrites.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo("routing.decisions[0].plugins[0].configuration.update[0].name");
                    assertThat(p.message()).contains("carries its credentials");
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
