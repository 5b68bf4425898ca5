package dev.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.config.AlgorithmConfig;
import dev.switchboard.contracts.config.ConfigException;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ConfigWarning;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.selection.knn.KnnSettings;
import dev.switchboard.selection.sessionaware.SessionAwareSettings;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each algorithm's block, bound and checked by its own plugin, as {@code switchboard validate} sees it. */
class AlgorithmConfigTest {

    private static final String CONFIG = """
            version: v0.3
            providers:
              defaults: {default_model: local}
              models:
                - name: local
                  backend_refs: [{name: ollama, endpoint: 127.0.0.1:11434}]
                - name: cloud
                  backend_refs: [{name: openai, base_url: https://api.openai.com/v1}]
            routing:
              decisions:
                - name: only
                  modelRefs: [{model: local}, {model: cloud}]
                  algorithm:
            %s
            """;

    static LoadedConfig load(String algorithm) throws ConfigException {
        return ConfigLoader.parse(CONFIG.formatted(algorithm.indent(8).stripTrailing()), "algorithm.yaml");
    }

    static Stream<Arguments> invalidBlocks() {
        return Stream.of(
                Arguments.of("type: router_dc\nrouter_dc: {min_similarity: 2}", "router_dc.min_similarity",
                        "must be between 0 and 1"),
                Arguments.of("type: multi_factor\nmulti_factor: {weights: {quality: 0}}", "multi_factor.weights",
                        "at least one weight must be positive"),
                Arguments.of("type: multi_factor\nmulti_factor: {on_no_candidates: random}",
                        "multi_factor.on_no_candidates", "unknown value 'random'"),
                Arguments.of("type: latency_aware\nlatency_aware: {tpot_percentile: 0}", "latency_aware.tpot_percentile",
                        "must be between 1 and 100"),
                Arguments.of("type: hybrid\nhybrid: {cost_weight: -1}", "hybrid.cost_weight", "must not be negative"),
                Arguments.of("type: session_aware\nsession_aware: {base: session_aware}", "session_aware.base",
                        "expected an algorithm other than session_aware"),
                Arguments.of("type: elo\nelo: {k_factor: 0}", "elo.k_factor", "must be positive"),
                Arguments.of("type: rl_driven\nrl_driven: {exploration_rate: 1.5}", "rl_driven.exploration_rate",
                        "must be between 0 and 1"),
                Arguments.of("type: knn\nml:\n  knn: {k: 0}", "ml.knn.k", "must be between 1 and 1000"),
                Arguments.of("type: knn\nknn: {k: five}", "knn.k", "expected a whole number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBlocks")
    void shouldReportAnInvalidSettingWithItsPath(String algorithm, String path, String message) {
        assertThatThrownBy(() -> load(algorithm)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).anySatisfy(problem -> {
                    assertThat(problem.path()).isEqualTo("routing.decisions[0].algorithm." + path);
                    assertThat(problem.message()).contains(message);
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "router_dc", "multi_factor", "latency_aware", "hybrid", "session_aware", "elo",
            "rl_driven", "knn"})
    void shouldLoadEveryAlgorithmWithItsDefaultsByNamingItsType(String type) throws ConfigException {
        AlgorithmConfig algorithm = load("type: " + type).config().routing().decisions().get(0).algorithm();

        assertThat(algorithm.type()).isEqualTo(type);
        assertThat(algorithm.settings()).as("the plugin's defaults").isNotNull();
        assertThat(SelectionPlugins.installed().create(algorithm, new SelectionEnvironment(Clock.systemUTC(),
                new SplittableRandom(1)))).isNotNull();
    }

    @Test
    void shouldNameEveryInstalledAlgorithmForAnUnknownType() {
        assertThatThrownBy(() -> load("type: best_model")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                        .contains("unknown algorithm 'best_model'; expected one of [")
                        .contains("elo", "knn", "multi_factor", "router_dc", "static")));
    }

    @Test
    void shouldReadTheReferencesMlBlockAndWarnAboutItsArtefacts() throws ConfigException {
        LoadedConfig loaded = load("""
                type: knn
                ml:
                  models_path: /models/selection
                  embedding_dim: 1024
                  knn: {k: 7, pretrained_path: /models/selection/knn_model.json}""");

        assertThat(loaded.config().routing().decisions().get(0).algorithm().settings(KnnSettings.class)
                .orElseThrow().k()).isEqualTo(7);
        assertThat(loaded.warnings()).extracting(ConfigWarning::path).containsExactlyInAnyOrder(
                "routing.decisions[0].algorithm.ml.models_path", "routing.decisions[0].algorithm.ml.embedding_dim",
                "routing.decisions[0].algorithm.ml.knn.pretrained_path");
    }

    @Test
    void shouldConfigureSessionAwaresBaseWithTheBasesOwnBlockWithoutAWarning() throws ConfigException {
        LoadedConfig loaded = load("""
                type: session_aware
                session_aware: {base: router_dc}
                router_dc: {min_similarity: 0.1}
                elo: {k_factor: 8}""");

        AlgorithmConfig algorithm = loaded.config().routing().decisions().get(0).algorithm();
        assertThat(algorithm.settings(SessionAwareSettings.class).orElseThrow().base()).isEqualTo("router_dc");
        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("routing.decisions[0].algorithm.elo");
            assertThat(w.message()).contains("ignored: the algorithm type is 'session_aware'");
        });
    }
}
