package dev.switchboard.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of error a config file can have is reported with its YAML path and what is expected. */
class ConfigValidationTest {

    /** A small valid config that uses every section; each case below breaks one thing in it. */
    static final String VALID = """
            version: v0.3
            providers:
              defaults:
                default_model: local
              models:
                - name: local
                  provider_model_id: qwen2.5-coder:7b
                  backend_refs:
                    - name: ollama
                      endpoint: 127.0.0.1:11434
                - name: cloud
                  pricing:
                    prompt_per_1m: 2.5
                  backend_refs:
                    - name: openai
                      base_url: https://api.openai.com/v1
                      api_key_env: OPENAI_API_KEY
            routing:
              modelCards:
                - name: local
                  description: A coding model.
                  quality_score: 0.7
              signals:
                keywords:
                  - name: code
                    operator: OR
                    keywords: ["python", "def "]
                  - name: stack_trace
                    method: regex
                    keywords: ["at [a-z.]+\\\\(\\\\w+\\\\.java:\\\\d+\\\\)"]
                embeddings:
                  - name: maths
                    threshold: 0.6
                    candidates: ["prove this theorem"]
                context:
                  - name: long
                    min_tokens: 32K
                    max_tokens: 1M
                language:
                  - name: de
              decisions:
                - name: coding
                  priority: 200
                  rules:
                    operator: OR
                    conditions:
                      - type: keyword
                        name: code
                      - operator: NOT
                        conditions:
                          - type: language
                            name: de
                  modelRefs:
                    - model: local
                  algorithm:
                    type: grouped
                - name: general
                  rules: {}
                  modelRefs:
                    - model: local
                    - model: cloud
                  algorithm:
                    type: fixture
                    fixture:
                      threshold: 0.2
            global:
              services:
                http: {port: 18080}
                drain_timeout: 5s
            """;

    static String breaking(String original, String replacement) {
        String broken = VALID.replace(original, replacement);
        if (broken.equals(VALID)) {
            throw new IllegalArgumentException("the case does not change the config: " + original);
        }
        return broken;
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of("modelRef to an unknown model",
                        breaking("    - model: cloud\n", "    - model: gpt-5\n"),
                        "routing.decisions[1].modelRefs[1].model", "unknown model 'gpt-5'; expected one of [cloud, local]"),
                Arguments.of("default_model that does not exist",
                        breaking("default_model: local", "default_model: llama"),
                        "providers.defaults.default_model", "unknown model 'llama'"),
                Arguments.of("model card without a model",
                        breaking("    - name: local\n      description", "    - name: mistral\n      description"),
                        "routing.modelCards[0].name", "model card without a model: unknown model 'mistral'"),
                Arguments.of("unknown field",
                        breaking("  priority: 200", "  priority: 200\n      priorty: 3"),
                        "routing.decisions[0].priorty", "unknown field 'priorty'; expected one of: algorithm, description"),
                Arguments.of("unknown top-level field",
                        breaking("version: v0.3", "version: v0.3\nprovider: {}"),
                        "provider", "unknown field 'provider'"),
                Arguments.of("text where a number is expected",
                        breaking("priority: 200", "priority: high"),
                        "routing.decisions[0].priority", "expected a whole number"),
                Arguments.of("a quoted number is still text",
                        breaking("priority: 200", "priority: \"200\""),
                        "routing.decisions[0].priority", "expected a whole number"),
                Arguments.of("a number where text is expected",
                        breaking("provider_model_id: qwen2.5-coder:7b", "provider_model_id: 7"),
                        "providers.models[0].provider_model_id", "expected a string"),
                Arguments.of("a fraction where a whole number is expected",
                        breaking("http: {port: 18080}", "http: {port: 18080.5}"),
                        "global.services.http.port", "expected a whole number"),
                Arguments.of("a scalar where a list is expected",
                        breaking("keywords: [\"python\", \"def \"]", "keywords: python"),
                        "routing.signals.keywords[0].keywords", "expected a list"),
                Arguments.of("a list where a mapping is expected",
                        breaking("  defaults:\n    default_model: local", "  defaults: [local]"),
                        "providers.defaults", "expected a mapping"),
                Arguments.of("a duration without a unit",
                        breaking("drain_timeout: 5s", "drain_timeout: 5"),
                        "global.services.drain_timeout", "expected a duration such as 500ms"),
                Arguments.of("a tracing protocol OTLP does not have",
                        breaking("drain_timeout: 5s", "drain_timeout: 5s\n    observability: {tracing: {exporter: "
                                + "{protocol: thrift}}}"),
                        "global.services.observability.tracing.exporter.protocol", "thrift"),
                Arguments.of("a sampling rate above 1",
                        breaking("drain_timeout: 5s", "drain_timeout: 5s\n    observability: {tracing: {sampling: "
                                + "{type: probabilistic, rate: 2}}}"),
                        "global.services.observability.tracing.sampling.rate", "2"),
                Arguments.of("an unparseable duration",
                        breaking("drain_timeout: 5s", "drain_timeout: five seconds"),
                        "global.services.drain_timeout", "expected a duration such as 500ms"),
                Arguments.of("an unparseable token count",
                        breaking("min_tokens: 32K", "min_tokens: lots"),
                        "routing.signals.context[0].min_tokens", "expected a token count such as 4096, 32K or 1M"),
                Arguments.of("missing version",
                        breaking("version: v0.3\n", ""),
                        "version", "missing; expected 'v0.3'"),
                Arguments.of("unsupported version",
                        breaking("version: v0.3", "version: v0.2"),
                        "version", "unsupported version 'v0.2'"),
                Arguments.of("duplicate model name",
                        breaking("  - name: cloud\n", "  - name: local\n"),
                        "providers.models[1].name", "duplicate model name 'local'"),
                Arguments.of("backend with both endpoint and base_url",
                        breaking("endpoint: 127.0.0.1:11434", "endpoint: 127.0.0.1:11434\n          base_url: http://x/v1"),
                        "providers.models[0].backend_refs[0]", "exactly one of 'endpoint'"),
                Arguments.of("endpoint without a port",
                        breaking("endpoint: 127.0.0.1:11434", "endpoint: localhost"),
                        "providers.models[0].backend_refs[0].endpoint", "expected host:port"),
                Arguments.of("base_url that is not a URL",
                        breaking("base_url: https://api.openai.com/v1", "base_url: api.openai.com"),
                        "providers.models[1].backend_refs[0].base_url", "expected an http:// or https:// URL"),
                Arguments.of("api_key_env that is not a variable name",
                        breaking("api_key_env: OPENAI_API_KEY", "api_key_env: sk-live-123"),
                        "providers.models[1].backend_refs[0].api_key_env", "expected the name of an environment variable"),
                Arguments.of("model without backends",
                        breaking("backend_refs:\n        - name: ollama\n          endpoint: 127.0.0.1:11434\n", "backend_refs: []\n"),
                        "providers.models[0].backend_refs", "at least one backend is required"),
                Arguments.of("negative price",
                        breaking("prompt_per_1m: 2.5", "prompt_per_1m: -1"),
                        "providers.models[1].pricing.prompt_per_1m", "must not be negative"),
                Arguments.of("quality score out of range",
                        breaking("quality_score: 0.7", "quality_score: 7"),
                        "routing.modelCards[0].quality_score", "must be between 0 and 1"),
                Arguments.of("invalid regular expression",
                        breaking("keywords: [\"at [a-z.]+", "keywords: [\"at [a-z.+"),
                        "routing.signals.keywords[1].keywords[0]", "invalid regular expression"),
                Arguments.of("unknown keyword operator",
                        breaking("operator: OR\n        keywords", "operator: XOR\n        keywords"),
                        "routing.signals.keywords[0].operator", "unknown value 'XOR'; expected one of [AND, OR, NOR]"),
                Arguments.of("embedding rule without threshold",
                        breaking("\n        threshold: 0.6", ""),
                        "routing.signals.embeddings[0].threshold", "missing"),
                Arguments.of("context range upside down",
                        breaking("max_tokens: 1M", "max_tokens: 1K"),
                        "routing.signals.context[0]", "min_tokens (32000) is greater than max_tokens (1000)"),
                Arguments.of("language that is not a code",
                        breaking("  - name: de\n  decisions", "  - name: german\n  decisions"),
                        "routing.signals.language[0].name", "two-letter ISO 639-1"),
                Arguments.of("condition on an undefined rule",
                        breaking("name: code\n          - operator", "name: kode\n          - operator"),
                        "routing.decisions[0].rules.conditions[0].name", "unknown keyword rule 'kode'"),
                Arguments.of("condition on a model card that does not exist",
                        breaking("type: keyword\n            name: code", "type: model_card\n            name: mistral"),
                        "routing.decisions[0].rules.conditions[0].name", "define it in routing.modelCards (defined: [local])"),
                Arguments.of("condition of an unknown type",
                        breaking("type: keyword", "type: keywords"),
                        "routing.decisions[0].rules.conditions[0].type", "unknown condition type 'keywords'"),
                Arguments.of("NOT with two conditions",
                        breaking("name: de\n      modelRefs", "name: de\n              - type: keyword\n                name: code\n      modelRefs"),
                        "routing.decisions[0].rules.conditions[1].conditions", "NOT takes exactly one condition, got 2"),
                Arguments.of("unknown rule operator",
                        breaking("operator: OR\n        conditions", "operator: XOR\n        conditions"),
                        "routing.decisions[0].rules.operator", "unknown value 'XOR'; expected one of [AND, OR, NOT]"),
                Arguments.of("decision without candidates",
                        breaking("  modelRefs:\n        - model: local\n      algorithm:\n        type: grouped", "  modelRefs: []\n      algorithm:\n        type: grouped"),
                        "routing.decisions[0].modelRefs", "must not be empty"),
                Arguments.of("the same candidate twice",
                        breaking("    - model: cloud\n", "    - model: local\n"),
                        "routing.decisions[1].modelRefs[1].model", "model 'local' is listed twice"),
                Arguments.of("unknown algorithm",
                        breaking("type: fixture", "type: best_model"),
                        "routing.decisions[1].algorithm.type", "unknown algorithm 'best_model'"),
                Arguments.of("an algorithm setting out of range",
                        breaking("threshold: 0.2", "threshold: 2"),
                        "routing.decisions[1].algorithm.fixture.threshold", "must be between 0 and 1"),
                Arguments.of("decision named like a model",
                        breaking("- name: general", "- name: cloud"),
                        "routing.decisions[1].name", "'cloud' is also a model name"),
                Arguments.of("duplicate decision name",
                        breaking("- name: general", "- name: coding"),
                        "routing.decisions[1].name", "duplicate decision name 'coding'"),
                Arguments.of("port out of range",
                        breaking("http: {port: 18080}", "http: {port: 80800}"),
                        "global.services.http.port", "must be between 0 and 65535"),
                Arguments.of("auto name that is a model name",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  router:\n    auto_model_names: [auto, local]"),
                        "global.router.auto_model_names[1]", "'local' is also a model name"),
                Arguments.of("unknown embedding source",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  embedding:\n    source: s3"),
                        "global.embedding.source", "unknown value 's3'"),
                Arguments.of("unknown embedding mode",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  embedding:\n    mode: turbo"),
                        "global.embedding.mode", "unknown value 'turbo'"),
                Arguments.of("local embedding model without a path",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  embedding:\n    source: local"),
                        "global.embedding.path", "missing"),
                Arguments.of("bad Kafka bootstrap servers",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  kafka:\n    bootstrap_servers: kafka"),
                        "global.kafka.bootstrap_servers", "expected host:port"),
                Arguments.of("body limit too small",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  proxy:\n    max_body_bytes: 10"),
                        "global.proxy.max_body_bytes", "must be between 1024 and"),
                Arguments.of("zero route timeout",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  proxy:\n    route_timeout: 0s"),
                        "global.proxy.route_timeout", "must be positive"),
                Arguments.of("TLS without a key",
                        breaking("http: {port: 18080}", "http: {port: 18080, tls: {cert_file: pom.xml}}"),
                        "global.services.http.tls.key_file", "missing"),
                Arguments.of("TLS with a file that cannot be read",
                        breaking("http: {port: 18080}", "http: {port: 18080, tls: {cert_file: pom.xml, key_file: nope.pem}}"),
                        "global.services.http.tls.key_file", "cannot read 'nope.pem'"),
                Arguments.of("client certificates required without a CA",
                        breaking("http: {port: 18080}",
                                "http: {port: 18080, tls: {cert_file: pom.xml, key_file: pom.xml, client_auth: required}}"),
                        "global.services.http.tls.client_ca_file", "needs the CA"),
                Arguments.of("unknown client_auth",
                        breaking("http: {port: 18080}",
                                "http: {port: 18080, tls: {cert_file: pom.xml, key_file: pom.xml, client_auth: maybe}}"),
                        "global.services.http.tls.client_auth", "unknown value 'maybe'"),
                Arguments.of("a token variable that is blank",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  proxy:\n    auth: {metrics_token_env: ' '}"),
                        "global.proxy.auth.metrics_token_env", "must name an environment variable"),
                Arguments.of("unknown response cache mode",
                        breaking("    type: grouped\n", "    type: grouped\n      plugins:\n        - type: response_cache\n"
                                + "          configuration: {mode: fuzzy}\n"),
                        "routing.decisions[0].plugins[0].configuration.mode", "unknown value 'fuzzy'"),
                Arguments.of("unknown response cache scope",
                        breaking("    type: grouped\n", "    type: grouped\n      plugins:\n        - type: response_cache\n"
                                + "          configuration: {scope: team}\n"),
                        "routing.decisions[0].plugins[0].configuration.scope", "expected one of [user, tenant, global]"),
                Arguments.of("a cache threshold that would match anything",
                        breaking("    type: grouped\n", "    type: grouped\n      plugins:\n        - type: semantic-cache\n"
                                + "          configuration: {semantic: {similarity_threshold: 0.2}}\n"),
                        "routing.decisions[0].plugins[0].configuration.semantic.similarity_threshold",
                        "must be between 0.5 and 1"),
                Arguments.of("an unknown cache-control directive",
                        breaking("    type: grouped\n", "    type: grouped\n      plugins:\n        - type: response_cache\n"
                                + "          configuration: {request_controls: {enabled: true, allowed: [refresh]}}\n"),
                        "routing.decisions[0].plugins[0].configuration.request_controls.allowed[0]",
                        "unknown value 'refresh'"),
                Arguments.of("a response cache store without room",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  stores:\n    response_cache: {max_entries: 0}"),
                        "global.stores.response_cache.max_entries", "must be between 1 and"),
                Arguments.of("unknown log level",
                        breaking("  drain_timeout: 5s", "  drain_timeout: 5s\n  logging:\n    level: verbose"),
                        "global.logging.level", "unknown value 'verbose'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void shouldRejectWithPathAndExpectation(String description, String yaml, String path, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(problem -> {
                            assertThat(problem.path()).isEqualTo(path);
                            assertThat(problem.message()).contains(message);
                        }));
    }

    @Test
    void shouldReportEveryBindingErrorOfAFileTogether() {
        String yaml = breaking("version: v0.3", "version: v0.3\nprovider: {}")
                .replace("  priority: 200", "  priority: 200\n      priorty: 3")
                .replace("http: {port: 18080}", "http: {port: 18080.5}")
                .replace("drain_timeout: 5s", "drain_timeout: 5");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "several.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactlyInAnyOrder("provider", "routing.decisions[0].priorty",
                                "global.services.http.port", "global.services.drain_timeout"));
    }

    @Test
    void shouldAcceptTheValidBaseConfig() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.parse(VALID, "test.yaml");

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.config().routing().signals().context().get(0).minTokens().value()).isEqualTo(32_000);
        assertThat(loaded.config().routing().signals().context().get(0).maxTokens().value()).isEqualTo(1_000_000);
        assertThat(loaded.config().global().services().http().port()).isEqualTo(18080);
        assertThat(loaded.config().routing().decisions().get(1).algorithm().settings(FixturePlugins.FixtureSettings.class))
                .hasValue(new FixturePlugins.FixtureSettings(0.2));
    }

    @Test
    void shouldWarnAboutTheBlockOfAnotherAlgorithmSoThatSwitchingIsOneLine() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.parse(breaking("type: fixture", "type: grouped"), "switch.yaml");

        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("routing.decisions[1].algorithm.fixture");
            assertThat(w.message()).contains("ignored: the algorithm type is 'grouped'");
        });
    }

    @Test
    void shouldNameTheLineOfAYamlSyntaxError() {
        String yaml = breaking("      priority: 200\n", "      priority: [200\n");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "broken.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageMatching("(?s).*YAML syntax error at line \\d+, column \\d+.*");
    }

    @Test
    void shouldNameTheDuplicateKeyAndItsLine() {
        String yaml = breaking("  priority: 200", "  priority: 200\n      priority: 300");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "dup.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.path()).isEqualTo("routing.decisions[0].priority");
                            assertThat(problem.message()).contains("duplicate key at line 44").contains("priority");
                        }));
    }

    @Test
    void shouldReportEverySemanticProblemAtOnce() {
        String yaml = breaking("default_model: local", "default_model: llama")
                .replace("    - model: cloud\n", "    - model: gpt-5\n");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "two.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactlyInAnyOrder("providers.defaults.default_model",
                                "routing.decisions[1].modelRefs[1].model"))
                .hasMessageContaining("two.yaml: 2 errors");
    }

    @Test
    void shouldRejectAnEmptyFile() {
        assertThatThrownBy(() -> ConfigLoader.parse("", "empty.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void shouldRejectATopLevelList() {
        assertThatThrownBy(() -> ConfigLoader.parse("- version: v0.3\n", "list.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a YAML mapping at the top level, got array");
    }
}
