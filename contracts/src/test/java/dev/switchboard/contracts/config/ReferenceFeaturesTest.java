package dev.switchboard.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A file written for the reference router loads, with one warning per feature Switchboard ignores. */
class ReferenceFeaturesTest {

    private static final String REFERENCE_STYLE = """
            version: v0.3
            listeners: [{name: http-8899, address: 0.0.0.0, port: 8899}]
            providers:
              defaults:
                default_model: qwen3-8b
                reasoning_families: {qwen3: {type: chat_template_kwargs, parameter: enable_thinking}}
              models:
                - name: qwen3-8b
                  provider_model_id: qwen3-8b-instruct
                  api_format: anthropic
                  reliability: {retry_count: 2}
                  backend_refs:
                    - name: remote
                      base_url: https://api.example.com/v1
                      api_key: sk-do-not-read-me
            routing:
              modelCards:
                - name: qwen3-8b
                  description: General model.
                  loras: [{name: cs-expert, description: Computer science.}]
              signals:
                keywords:
                  - name: code_keywords
                    operator: OR
                    method: bm25
                    bm25_threshold: 0.1
                    keywords: ["code", "function"]
                kb:
                  - name: business
                    kb: product_catalog
              decisions:
                - name: business_route
                  priority: 200
                  rules:
                    operator: OR
                    conditions:
                      - type: kb
                        name: business
                      - type: keyword
                        name: code_keywords
                  modelRefs:
                    - model: qwen3-8b
                  algorithm:
                    type: prompt
                  plugins:
                    - type: rag
                    - type: semantic-cache
                      configuration:
                        mode: exact_then_semantic
                        scope: tenant
                        semantic: {similarity_threshold: 0.92}
                        personalized: {mode: disabled}
            global:
              stores:
                response_cache: {enabled: true, backend_type: redis, embedding_model: bert, use_hnsw: true}
                memory: {enabled: true}
            """;

    @Test
    void shouldLoadAReferenceConfigWithOneWarningPerIgnoredFeature() throws ConfigException {
        // When
        LoadedConfig loaded = ConfigLoader.parse(REFERENCE_STYLE, "reference.yaml");

        // Then
        assertThat(loaded.warnings()).extracting(ConfigWarning::path).containsExactlyInAnyOrder(
                "listeners",
                "providers.defaults.reasoning_families",
                "providers.models[0].reliability",
                "providers.models[0].backend_refs[0].api_key",
                "routing.modelCards[0].loras",
                "routing.signals.keywords[0].bm25_threshold",
                "routing.signals.keywords[0].method",
                "routing.signals.kb",
                "routing.decisions[0].plugins[0]",
                "routing.decisions[0].algorithm.type",
                "global.stores.memory",
                "global.stores.response_cache.backend_type",
                "global.stores.response_cache.embedding_model",
                "global.stores.response_cache.use_hnsw",
                "providers.models[0].api_format",
                "routing.decisions[0].rules.conditions[0]");
    }

    @Test
    void shouldExplainWhatHappensInsteadOfTheIgnoredFeature() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.parse(REFERENCE_STYLE, "reference.yaml");

        assertThat(loaded.warnings()).filteredOn(w -> w.path().endsWith("api_key")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("api_key_env").doesNotContain("sk-do-not-read-me"));
        assertThat(loaded.warnings()).filteredOn(w -> w.path().equals("routing.signals.keywords[0].method"))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("plain substrings"));
        assertThat(loaded.warnings()).filteredOn(w -> w.path().equals("routing.decisions[0].rules.conditions[0]"))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("never matches"));
    }

    @Test
    void shouldKeepWhatItSupportsFromAReferenceConfig() throws ConfigException {
        SwitchboardConfig config = ConfigLoader.parse(REFERENCE_STYLE, "reference.yaml").config();

        assertThat(config.routing().signals().keywords().get(0).method()).isEqualTo(KeywordSignal.METHOD_PLAIN);
        assertThat(config.routing().signals().keywords().get(0).keywords()).containsExactly("code", "function");
        assertThat(config.routing().decisions().get(0).algorithm().type()).isEqualTo(AlgorithmConfig.DEFAULT_TYPE);
        assertThat(config.routing().decisions().get(0).rules().conditions()).hasSize(2);
        assertThat(config.providers().models().get(0).backendRefs().get(0).apiKeyEnv()).isNull();
        assertThat(config.routing().decisions().get(0).plugins()).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo(DecisionPlugin.RESPONSE_CACHE));
        assertThat(config.routing().decisions().get(0).responseCache()).hasValueSatisfying(cache -> {
            assertThat(cache.mode()).isEqualTo(ResponseCachePlugin.MODE_EXACT_THEN_SEMANTIC);
            assertThat(cache.scope()).isEqualTo(ResponseCachePlugin.SCOPE_TENANT);
            assertThat(cache.semantic().similarityThreshold()).isEqualTo(0.92);
        });
        assertThat(config.global().stores().responseCache().backendType())
                .isEqualTo(ResponseCacheStoreConfig.BACKEND_MEMORY);
    }

    @Test
    void shouldReadTheReferencesNewerNamesWithTheirMeaningAndIgnoreRuleAnnotations() throws ConfigException {
        String newer = REFERENCE_STYLE
                .replace("    default_model: qwen3-8b", "    model: qwen3-8b")
                .replace("        - name: remote\n          base_url: https://api.example.com/v1",
                        "        - endpoint: http://vllm:8000/v1")
                .replace("      reliability: {retry_count: 2}", "      pricing: {input_cost_per_million_tokens: \"1.8\", "
                        + "output_cost_per_million_tokens: 7.2}")
                .replace("          - type: kb\n            name: business", "          - type: kb\n"
                        + "            name: business\n            label: finance\n            predicate: {gte: 0.5}");

        LoadedConfig loaded = ConfigLoader.parse(newer, "newer.yaml");

        assertThat(loaded.config().providers().defaults().defaultModel()).isEqualTo("qwen3-8b");
        assertThat(loaded.config().providers().models().get(0).backendRefs().get(0).name()).isEqualTo("qwen3-8b-0");
        assertThat(loaded.config().providers().models().get(0).backendRefs().get(0).baseUrl())
                .isEqualTo("http://vllm:8000/v1");
        assertThat(loaded.config().providers().models().get(0).pricing().promptPer1m()).isEqualTo(1.8);
        assertThat(loaded.config().providers().models().get(0).pricing().completionPer1m()).isEqualTo(7.2);
        assertThat(loaded.warnings()).extracting(ConfigWarning::path).contains(
                "providers.defaults.model",
                "providers.models[0].pricing.input_cost_per_million_tokens",
                "routing.decisions[0].rules.conditions[0].label",
                "routing.decisions[0].rules.conditions[0].predicate");
    }

    @Test
    void shouldStillRejectATypoNextToAReferenceField() {
        String typo = REFERENCE_STYLE.replace("      reliability: {retry_count: 2}",
                "      reliability: {retry_count: 2}\n      pricng: {prompt_per_1m: 1}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.parse(typo, "typo.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path).containsExactly("providers.models[0].pricng"));
    }

    @Test
    void shouldCallABackendNamedOnlyByItsProviderAndLeaveOutAnUnusedCatalogModel() throws ConfigException {
        String newer = REFERENCE_STYLE
                .replace("        - name: remote\n          base_url: https://api.example.com/v1",
                        "        - provider: openrouter\n          api_key_env: OPENROUTER_API_KEY")
                .replace("          api_key: sk-do-not-read-me\n", "          api_key: sk-do-not-read-me\n"
                        + "    - name: from-the-catalog\n      catalog: vllm-sr/mom-v1-lite\n")
                .replace("  stores:", "  router: {auto_model_names: []}\n  stores:");

        LoadedConfig loaded = ConfigLoader.parse(newer, "providers.yaml");

        assertThat(loaded.config().providers().models()).extracting(ModelDefinition::name).containsExactly("qwen3-8b");
        assertThat(loaded.config().providers().models().get(0).backendRefs().get(0).baseUrl())
                .isEqualTo("https://openrouter.ai/api/v1");
        assertThat(loaded.config().global().router().autoModelNames())
                .isEqualTo(RouterGlobals.DEFAULT_AUTO_MODEL_NAMES);
        assertThat(loaded.warnings()).extracting(ConfigWarning::path).contains(
                "providers.models[0].backend_refs[0].provider", "providers.models[1]", "global.router.auto_model_names");
    }
}
