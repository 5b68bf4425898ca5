package dev.switchboard.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A decision's {@code algorithm} is bound through the installed plugins: strictly, with paths, and with the plugin's
 * own checks. The plugins here are this module's test fixtures ({@link FixturePlugins}).
 */
class AlgorithmDefinitionTest {

    private static final String CONFIG = """
            version: v0.3
            providers:
              defaults: {default_model: local}
              models:
                - name: local
                  backend_refs: [{name: ollama, endpoint: 127.0.0.1:11434}]
            routing:
              decisions:
                - name: only
                  modelRefs: [{model: local}]
                  algorithm:
            %s
            """;

    private static LoadedConfig load(String algorithm) throws ConfigException {
        return ConfigLoader.parse(CONFIG.formatted(algorithm.indent(8).stripTrailing()), "algorithm.yaml");
    }

    private static void assertProblem(String algorithm, String path, String message) {
        assertThatThrownBy(() -> load(algorithm)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).anySatisfy(problem -> {
                    assertThat(problem.path()).isEqualTo(path);
                    assertThat(problem.message()).contains(message);
                }));
    }

    @Test
    void shouldBindTheBlockOfTheTypeIntoItsPluginsRecord() throws ConfigException {
        AlgorithmConfig algorithm = load("type: fixture\nfixture: {threshold: 0.2}").config().routing().decisions()
                .get(0).algorithm();

        assertThat(algorithm.type()).isEqualTo("fixture");
        assertThat(algorithm.settings(FixturePlugins.FixtureSettings.class)).hasValue(
                new FixturePlugins.FixtureSettings(0.2));
    }

    @Test
    void shouldGiveAnAbsentBlockThePluginsDefaults() throws ConfigException {
        AlgorithmConfig algorithm = load("type: fixture").config().routing().decisions().get(0).algorithm();

        assertThat(algorithm.settings(FixturePlugins.FixtureSettings.class)).hasValue(
                new FixturePlugins.FixtureSettings(0.5));
        assertThat(algorithm.blocks()).isEmpty();
    }

    @Test
    void shouldAcceptABlockInsideItsSharedGroup() throws ConfigException {
        AlgorithmConfig algorithm = load("type: grouped\nml:\n  grouped: {count: 7}").config().routing().decisions()
                .get(0).algorithm();

        assertThat(algorithm.settings(FixturePlugins.GroupedSettings.class)).hasValue(
                new FixturePlugins.GroupedSettings(7));
        assertThat(algorithm.blocks()).containsOnlyKeys("ml.grouped");
    }

    @Test
    void shouldNameTheInstalledTypesForAnUnknownOne() {
        assertProblem("type: best_model", "routing.decisions[0].algorithm.type",
                "unknown algorithm 'best_model'; expected one of [fixture, grouped]");
    }

    @Test
    void shouldReportAPluginsCheckWithTheFullPath() {
        assertProblem("type: fixture\nfixture: {threshold: 2}", "routing.decisions[0].algorithm.fixture.threshold",
                "must be between 0 and 1");
    }

    @Test
    void shouldRejectAnUnknownFieldInsideABlockWithItsPath() {
        assertProblem("type: fixture\nfixture: {treshold: 0.2}", "routing.decisions[0].algorithm.fixture.treshold",
                "unknown field 'treshold'");
    }

    @Test
    void shouldRejectAWrongTypeInsideAGroupedBlockWithItsPath() {
        assertProblem("type: grouped\nml:\n  grouped: {count: many}", "routing.decisions[0].algorithm.ml.grouped.count",
                "expected a whole number");
    }

    @Test
    void shouldRejectAnUnknownBlockListingWhatTheMappingMayHold() {
        assertProblem("type: fixture\nfixtures: {}", "routing.decisions[0].algorithm.fixtures",
                "unknown field 'fixtures'; expected one of: fixture, grouped, ml, type");
        assertProblem("type: grouped\nml:\n  groupd: {}", "routing.decisions[0].algorithm.ml.groupd",
                "unknown field 'groupd'; expected one of: grouped");
    }

    @Test
    void shouldRejectTheSameBlockGivenTwice() {
        assertProblem("type: grouped\ngrouped: {}\nml:\n  grouped: {}", "routing.decisions[0].algorithm.ml.grouped",
                "given twice");
    }

    @Test
    void shouldRejectATypeThatIsNotText() {
        assertProblem("type: 3", "routing.decisions[0].algorithm.type", "expected the algorithm's name as a string");
    }

    @Test
    void shouldCheckAndIgnoreWithAWarningTheBlockOfAnotherType() throws ConfigException {
        LoadedConfig loaded = load("type: grouped\nfixture: {threshold: 0.3}");

        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("routing.decisions[0].algorithm.fixture");
            assertThat(w.message()).contains("ignored: the algorithm type is 'grouped'");
        });
        assertProblem("type: grouped\nfixture: {threshold: 3}", "routing.decisions[0].algorithm.fixture.threshold",
                "must be between 0 and 1");
    }

    @Test
    void shouldLeaveADecisionWithoutAnAlgorithmToTheDefault() throws ConfigException {
        String noAlgorithm = CONFIG.formatted("").replace("      algorithm:\n", "");
        AlgorithmConfig algorithm = ConfigLoader.parse(noAlgorithm, "none.yaml").config().routing().decisions().get(0)
                .algorithm();

        assertThat(algorithm).isSameAs(AlgorithmConfig.DEFAULT);
        assertThat(algorithm.type()).isEqualTo(AlgorithmConfig.DEFAULT_TYPE);
    }
}
