package dev.switchboard.contracts.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields and values of the vLLM Semantic Router format that Switchboard knows but does not support yet.
 *
 * <p>They are taken out of the YAML tree before strict binding, each with one {@link ConfigWarning}, so that a file
 * written for the reference starts with clear warnings instead of failing on "unknown field". Anything not listed
 * here and not bound by a record is a typo or an invention, and stays an error.
 */
final class ReferenceFeatures {

    private static final String SIGNAL_FAMILY = "signal family not supported yet; conditions on it never match";
    private static final String ONLINE_LEARNING = "knn, kmeans, svm and mlp learn online from the feedback topics over "
            + "the embedding model of global.embedding; no trained artefact is read";

    private static final String METRICS = "metrics are served at /metrics on global.services.http";
    private static final String HTTP_API = "the HTTP API is global.services.http";
    private static final String REASONING = "reasoning settings are not applied yet";
    private static final String CACHE_INDEX = "the memory backend indexes prompts by the signs of their embedding";
    private static final String CACHE_BACKENDS = "the response cache's backends are memory and kafka (shared)";

    private static final String ROUTER_DC_CONTRAST = "Switchboard's router_dc learns its model vectors online from "
            + "feedback; no contrastive training runs";

    /** Path pattern ({@code [*]} for any list index) to the reason the field is ignored. */
    private static final Map<String, String> IGNORED_FIELDS = Map.ofEntries(
            Map.entry("listeners", "Envoy listeners are rendered by the reference's CLI; Switchboard listens where "
                    + "global.services says"),
            Map.entry("entrypoints", "recipes per virtual model are not supported yet; a decision name is a virtual model"),
            Map.entry("recipes", "recipes per virtual model are not supported yet; a decision name is a virtual model"),
            Map.entry("evaluation", "benchmark records are not read"),
            Map.entry("providers.defaults.default_reasoning_effort", "reasoning effort is not set by Switchboard yet"),
            Map.entry("providers.defaults.reasoning_families", "reasoning families are not applied yet"),
            Map.entry("providers.models[*].reasoning_family", "reasoning families are not applied yet"),
            Map.entry("providers.models[*].reasoning", REASONING),
            Map.entry("providers.models[*].external_model_ids", "use provider_model_id"),
            Map.entry("providers.models[*].reliability", "retries, health checks and ejection are not supported yet"),
            Map.entry("providers.models[*].catalog", "catalog-backed models are not supported; write a model card"),
            Map.entry("providers.models[*].pricing.cached_input_per_1m", "cached-input pricing is not used"),
            Map.entry("providers.models[*].pricing.cache_write_per_1m", "cache-write pricing is not used"),
            Map.entry("providers.models[*].backend_refs[*].provider", "the backend is spoken to in its api_format"),
            Map.entry("providers.models[*].backend_refs[*].auth_header", "the key is sent as 'Authorization: Bearer'"),
            Map.entry("providers.models[*].backend_refs[*].auth_prefix", "the key is sent as 'Authorization: Bearer'"),
            Map.entry("providers.models[*].backend_refs[*].extra_headers", "extra backend headers are not sent yet"),
            Map.entry("providers.models[*].backend_refs[*].api_version", "API versions are not sent yet"),
            Map.entry("providers.models[*].backend_refs[*].api_key", "keys are never read from the config file; put "
                    + "the key in an environment variable and name it in api_key_env"),
            Map.entry("routing.projections.scores[*].inputs[*].kb", "knowledge bases are not supported; the input "
                    + "counts as missed"),
            Map.entry("routing.projections.scores[*].inputs[*].metric", "knowledge bases are not supported; the "
                    + "input counts as missed"),
            Map.entry("routing.model_bindings", "model bindings are not supported yet"),
            Map.entry("routing.modelCards[*].modality", "only text generation is routed"),
            Map.entry("routing.modelCards[*].modalities", "only text generation is routed"),
            Map.entry("routing.modelCards[*].loras", "LoRA adapters are not routed yet"),
            Map.entry("routing.modelCards[*].display_name", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].publisher", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].presentation", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].distribution", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].family", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].revision", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].released_at", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].knowledge_cutoff", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].lifecycle", "presentation fields are not used"),
            Map.entry("routing.modelCards[*].max_output_tokens", "output limits are not enforced yet"),
            Map.entry("routing.signals.domains[*].model_scores", "per-domain model scores are not read; the decision's "
                    + "algorithm ranks its modelRefs"),
            Map.entry("routing.signals.complexity[*].prototype_scoring", "each example is scored directly"),
            Map.entry("routing.signals.complexity[*].composer", "the composer is not applied; the level is computed for "
                    + "every prompt"),
            Map.entry("routing.signals.complexity[*].hard.image_candidates", "only text candidates are embedded"),
            Map.entry("routing.signals.complexity[*].easy.image_candidates", "only text candidates are embedded"),
            Map.entry("routing.signals.kb", SIGNAL_FAMILY),
            Map.entry("routing.signals.classifiers", SIGNAL_FAMILY),
            Map.entry("routing.signals.safety", SIGNAL_FAMILY),
            Map.entry("routing.signals.keywords[*].bm25_threshold", "bm25 matching is not supported yet"),
            Map.entry("routing.signals.keywords[*].ngram_threshold", "n-gram matching is not supported yet"),
            Map.entry("routing.signals.keywords[*].ngram_arity", "n-gram matching is not supported yet"),
            Map.entry("routing.signals.keywords[*].fuzzy_match", "fuzzy matching is not supported yet"),
            Map.entry("routing.signals.keywords[*].fuzzy_threshold", "fuzzy matching is not supported yet"),
            Map.entry("routing.signals.embeddings[*].prototype_scoring", "candidates are scored directly"),
            Map.entry("routing.signals.embeddings[*].query_modality", "only text queries are embedded"),
            Map.entry("routing.signals.embeddings[*].image_candidates", "only text candidates are embedded"),
            Map.entry("routing.signals.embeddings[*].negative_candidates", "negative candidates are not supported yet"),
            Map.entry("routing.signals.embeddings[*].negative_image_candidates", "only text candidates are embedded"),
            Map.entry("routing.decisions[*].tier", "decision tiers are not supported yet; priority orders decisions"),
            Map.entry("routing.decisions[*].adaptations", "Router Learning adaptations are replaced by Switchboard's "
                    + "learning algorithms (elo, rl_driven, knn, ...)"),
            Map.entry("routing.decisions[*].modelRefs[*].reasoning_effort", "reasoning effort is not set yet"),
            Map.entry("routing.decisions[*].modelRefs[*].lora_name", "LoRA adapters are not routed yet"),
            Map.entry("routing.decisions[*].algorithm.minimum_candidates", "every decision is selected over"),
            Map.entry("routing.decisions[*].algorithm.ml.models_path", ONLINE_LEARNING),
            Map.entry("routing.decisions[*].algorithm.ml.model_type", ONLINE_LEARNING),
            Map.entry("routing.decisions[*].algorithm.ml.embedding_dim", ONLINE_LEARNING),
            Map.entry("routing.decisions[*].algorithm.multi_factor.objective", "the objective is always weighted"),
            Map.entry("routing.decisions[*].algorithm.multi_factor.quality", "quality indexes are not supported; the "
                    + "quality factor is the model's predicted quality for the prompt"),
            Map.entry("global.stores.response_cache.embedding_model", "the cache compares the embedding routing "
                    + "computed, of global.embedding's model"),
            Map.entry("global.stores.response_cache.use_hnsw", CACHE_INDEX),
            Map.entry("global.stores.response_cache.hnsw_m", CACHE_INDEX),
            Map.entry("global.stores.response_cache.hnsw_ef_construction", CACHE_INDEX),
            Map.entry("global.stores.response_cache.backend_config_path", CACHE_BACKENDS),
            Map.entry("global.stores.response_cache.redis", CACHE_BACKENDS),
            Map.entry("global.stores.response_cache.valkey", CACHE_BACKENDS),
            Map.entry("global.stores.response_cache.milvus", CACHE_BACKENDS),
            Map.entry("global.stores.response_cache.qdrant", CACHE_BACKENDS),
            Map.entry("global.integrations", "tools and looper integrations are not supported yet"),
            Map.entry("global.model_catalog", "classifier and embedding catalogs are not read; the embedding model "
                    + "is global.embedding"),
            Map.entry("global.router.clear_route_cache", "Switchboard always clears the route cache after a mutation"),
            Map.entry("global.router.learning", "learning is configured by each decision's algorithm"),
            Map.entry("global.router.auto_model_name", "use global.router.auto_model_names"),
            Map.entry("global.router.skip_processing", "every request is processed"),
            Map.entry("global.router.streamed_body", "every body mode is accepted"),
            Map.entry("global.services.management_api", HTTP_API),
            Map.entry("global.services.metrics", METRICS),
            Map.entry("global.services.observability.metrics", METRICS),
            Map.entry("global.services.observability.profiling", "profile with async-profiler or JFR "
                    + "(docs/benchmarks.md)"),
            Map.entry("global.services.api", HTTP_API),
            Map.entry("global.services.response_api", "the Responses API is not served; chat completions are"),
            Map.entry("global.services.router_replay", "the router_replay plugin keeps a decision's records in "
                    + "memory, served at GET /v1/router_replay; every decision is also on the Kafka decisions topic "
                    + "(switchboard analytics)"),
            Map.entry("global.services.authz", "API access is global.proxy.auth (bearer tokens)"),
            Map.entry("global.services.ratelimit", "rate limiting is the gateway's job; Switchboard does not limit"),
            Map.entry("global.services.startup_status", "readiness is GET /ready on global.services.http"),
            Map.entry("global.services.backend_dispatch", "requests are forwarded by the HTTP proxy or the gateway"),
            Map.entry("global.services.backend_egress", "backends are called directly at their backend_refs"),
            Map.entry("global.billing", "costs come from providers.models[].pricing (switchboard analytics)"),
            Map.entry("global.router.config_source", "the config is the file given to serve, reloaded on change"),
            Map.entry("global.router.strategy", "decisions are ordered by routing.strategy"),
            Map.entry("global.router.include_config_models_in_list", "GET /v1/models lists the auto names, the "
                    + "decisions and the models"),
            Map.entry("global.router.fallback", "the router's own failures fall back to providers.defaults."
                    + "default_model"),
            Map.entry("global.router.model_selection", "selection is configured by each decision's algorithm"),
            Map.entry("global.stores.response_cache.polarity_guard", "the cache's prompt guard compares negations "
                    + "and numbers itself"),
            Map.entry("providers.defaults.reasoning_effort", "reasoning effort is not set by Switchboard yet"),
            Map.entry("providers.models[*].pricing.cache_read_cost_per_million_tokens", "cached-input pricing is "
                    + "not used"),
            Map.entry("providers.models[*].backend_refs[*].type", "the backend is spoken to over HTTP in its "
                    + "api_format"),
            Map.entry("routing.modelCards[*].reasoning", REASONING),
            Map.entry("routing.signals.hallucination", SIGNAL_FAMILY),
            Map.entry("routing.signals.decision", SIGNAL_FAMILY),
            Map.entry("routing.decisions[*].modelRefs[*].reasoning_description", REASONING),
            Map.entry("routing.decisions[*].modelRefs[*].reasoning_mode", REASONING),
            Map.entry("routing.decisions[*].output_contract", "output contracts are not checked"),
            Map.entry("routing.decisions[*].output_contract_spec", "output contracts are not checked"),
            Map.entry("routing.decisions[*].annotations", "annotations are not used"),
            Map.entry("routing.decisions[*].emits", "annotations are not used"),
            Map.entry("routing.decisions[*].candidateIterations", "each candidate is scored once"),
            Map.entry("routing.decisions[*].action", "decision actions are not supported; the decision routes to "
                    + "its modelRefs"),
            Map.entry("routing.decisions[*].plugins[*].configuration.revision", "plugin revisions are not used"),
            Map.entry("routing.decisions[*].plugins[*].configuration.similarity_threshold", "write it as "
                    + "semantic.similarity_threshold; the default threshold is used"),
            Map.entry("routing.decisions[*].algorithm.router_dc.dimension_size", "the dimension is the embedding "
                    + "model's"),
            Map.entry("routing.decisions[*].algorithm.router_dc.use_query_contrastive", ROUTER_DC_CONTRAST),
            Map.entry("routing.decisions[*].algorithm.router_dc.use_model_contrastive", ROUTER_DC_CONTRAST),
            Map.entry("routing.decisions[*].algorithm.router_dc.require_descriptions", "a model without a "
                    + "description is scored by its card's capabilities"),
            Map.entry("routing.decisions[*].algorithm.hybrid.quality_gap_threshold", "hybrid blends its scores "
                    + "with its weights only"),
            Map.entry("routing.decisions[*].algorithm.hybrid.normalize_scores", "scores are always normalised"),
            Map.entry("routing.decisions[*].algorithm.latency_aware.description", "free text is not used"),
            Map.entry("routing.decisions[*].algorithm.multi_factor.expected_output_tokens", "cost is the price of "
                    + "the prompt and the model's observed answer lengths"),
            Map.entry("routing.decisions[*].algorithm.multi_factor.latency_metric", "latency is the observed "
                    + "time to the whole answer"));

    /** Fields of a rule-tree node, at any depth, that Switchboard does not read. */
    private static final Map<String, String> IGNORED_RULE_FIELDS = Map.of(
            "label", "classifier labels are not supported; the condition matches on the rule's name",
            "predicate", "numeric predicates are not supported yet; the condition matches when the rule matches",
            "on_unknown", "a condition on a signal that cannot be computed does not match");

    private static final String RULES_PATTERN = "routing.decisions[*].rules";

    /** Reference field names that mean what a Switchboard field means: renamed before binding, with a warning. */
    private static final Map<String, String> RENAMED_FIELDS = Map.of(
            "providers.defaults.model", "default_model",
            "providers.models[*].pricing.input_cost_per_million_tokens", "prompt_per_1m",
            "providers.models[*].pricing.output_cost_per_million_tokens", "completion_per_1m");

    private static final String STORE_RESPONSE_CACHE = "response_cache";

    /** OpenAI-compatible base URLs of the providers a reference backend may name instead of an endpoint. */
    private static final Map<String, String> PROVIDER_URLS = Map.of(
            "openai", "https://api.openai.com/v1",
            "openrouter", "https://openrouter.ai/api/v1");

    private static final Set<String> UNSUPPORTED_KEYWORD_METHODS = Set.of("bm25", "ngram", "fuzzy");

    /** Reference algorithm types that need an external LLM or run several models; they select statically here. */
    private static final Set<String> UNSUPPORTED_ALGORITHMS =
            Set.of("prompt", "confidence", "ratings", "remom", "fusion", "workflows", "decision");

    private ReferenceFeatures() {
    }

    /** Removes the ignored fields from {@code root} and rewrites unsupported values, returning one warning each. */
    static List<ConfigWarning> strip(ObjectNode root) {
        List<ConfigWarning> warnings = new ArrayList<>();
        List<Rename> renames = new ArrayList<>();
        // Before the walk, which drops backend_refs[].provider: a backend named only by its provider needs it.
        rewriteBackends(root, warnings);
        dropUnusedCatalogModels(root, warnings);
        strip(root, "", "", warnings, renames);
        for (Rename rename : renames) {
            rename.object().set(rename.to(), numberIfNumeric(rename.object().remove(rename.from())));
        }
        rewriteUnsupportedValues(root, warnings);
        return warnings;
    }

    /**
     * The reference's newer price fields are quoted decimals ({@code "1.8"}); Switchboard's own fields take numbers,
     * and stay strict about it, so a renamed field's text that is a number becomes that number.
     */
    private static JsonNode numberIfNumeric(JsonNode value) {
        if (value != null && value.isTextual()) {
            try {
                return DoubleNode.valueOf(Double.parseDouble(value.asText().trim()));
            } catch (NumberFormatException notANumber) {
                return value;
            }
        }
        return value;
    }

    /** A field to rename once the walk over the tree is done (renaming during it would disturb the iteration). */
    private record Rename(ObjectNode object, String from, String to) {
    }

    private static void strip(JsonNode node, String path, String pattern, List<ConfigWarning> warnings,
            List<Rename> renames) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String childPattern = pattern.isEmpty() ? field.getKey() : pattern + "." + field.getKey();
                String reason = IGNORED_FIELDS.get(childPattern);
                if (reason == null && childPattern.startsWith(RULES_PATTERN)) {
                    reason = IGNORED_RULE_FIELDS.get(field.getKey());
                }
                String renamed = RENAMED_FIELDS.get(childPattern);
                if (renamed != null && !object.has(renamed)) {
                    warnings.add(new ConfigWarning(childPath, "read as '" + renamed + "', its name in Switchboard"));
                    renames.add(new Rename(object, field.getKey(), renamed));
                } else if (reason != null) {
                    warnings.add(new ConfigWarning(childPath, "not supported by Switchboard, ignored (" + reason + ")"));
                    it.remove();
                } else {
                    strip(field.getValue(), childPath, childPattern, warnings, renames);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strip(node.get(i), path + "[" + i + "]", pattern + "[*]", warnings, renames);
            }
        }
    }

    private static void rewriteUnsupportedValues(ObjectNode root, List<ConfigWarning> warnings) {
        rewriteEmptyAutoNames(root, warnings);
        rewriteStores(root, warnings);
        rewritePlugins(root, warnings);
        JsonNode keywords = root.path("routing").path("signals").path("keywords");
        for (int i = 0; i < keywords.size(); i++) {
            if (keywords.get(i) instanceof ObjectNode rule
                    && UNSUPPORTED_KEYWORD_METHODS.contains(rule.path("method").asText())) {
                warnings.add(new ConfigWarning("routing.signals.keywords[" + i + "].method", "method '"
                        + rule.path("method").asText() + "' is not supported yet; keywords match as plain substrings"));
                rule.set("method", TextNode.valueOf(KeywordSignal.METHOD_PLAIN));
            }
        }
        JsonNode decisions = root.path("routing").path("decisions");
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i) instanceof ObjectNode decision
                    && decision.path("algorithm") instanceof ObjectNode algorithm
                    && UNSUPPORTED_ALGORITHMS.contains(algorithm.path(AlgorithmConfig.TYPE_KEY).asText())) {
                String type = algorithm.path(AlgorithmConfig.TYPE_KEY).asText();
                warnings.add(new ConfigWarning("routing.decisions[" + i + "].algorithm.type", "algorithm '" + type
                        + "' is not supported yet; the decision selects statically (first candidate)"));
                // Without an algorithm a decision selects with the default, static.
                decision.remove("algorithm");
            }
        }
    }

    /**
     * The reference's newer recipes name no backend and write a URL as the endpoint; Switchboard's backends have a name
     * (for logs and metrics) and take a URL as {@code base_url}. Both are read with their meaning: an unnamed backend
     * is named after its model and position, and an endpoint with a scheme becomes the base URL.
     */
    private static void rewriteBackends(ObjectNode root, List<ConfigWarning> warnings) {
        JsonNode models = root.path("providers").path("models");
        for (int i = 0; i < models.size(); i++) {
            JsonNode refs = models.get(i).path("backend_refs");
            for (int j = 0; j < refs.size(); j++) {
                if (!(refs.get(j) instanceof ObjectNode ref)) {
                    continue;
                }
                String path = "providers.models[" + i + "].backend_refs[" + j + "]";
                if (!ref.has("name") && models.get(i).path("name").isTextual()) {
                    ref.put("name", models.get(i).path("name").asText() + "-" + j);
                }
                String provider = ref.path("provider").asText("");
                if (!ref.has("endpoint") && !ref.has("base_url") && PROVIDER_URLS.containsKey(provider)) {
                    warnings.add(new ConfigWarning(path + ".provider", "no endpoint: provider '" + provider
                            + "' is called at " + PROVIDER_URLS.get(provider)));
                    ref.put("base_url", PROVIDER_URLS.get(provider));
                }
                String endpoint = ref.path("endpoint").asText("");
                if (!ref.has("base_url") && (endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
                    warnings.add(new ConfigWarning(path + ".endpoint", "a URL: read as base_url"));
                    ref.set("base_url", ref.remove("endpoint"));
                }
            }
        }
    }

    /**
     * A reference model that only names a catalog entry has no backend Switchboard can call; when nothing routes to it
     * (no decision, card or default names it) it is left out with a warning, otherwise it stays and is an error.
     */
    private static void dropUnusedCatalogModels(ObjectNode root, List<ConfigWarning> warnings) {
        if (!(root.path("providers").path("models") instanceof ArrayNode models)) {
            return;
        }
        Set<String> used = new java.util.HashSet<>();
        JsonNode defaults = root.path("providers").path("defaults");
        used.add(defaults.path("default_model").asText(defaults.path("model").asText()));
        root.path("routing").path("modelCards").forEach(card -> used.add(card.path("name").asText()));
        root.path("routing").path("decisions").forEach(decision -> decision.path("modelRefs")
                .forEach(ref -> used.add(ref.path("model").asText())));
        for (int i = models.size() - 1; i >= 0; i--) {
            JsonNode model = models.get(i);
            if (model.has("catalog") && model.path("backend_refs").isEmpty()
                    && !used.contains(model.path("name").asText())) {
                warnings.add(new ConfigWarning("providers.models[" + i + "]", "model '" + model.path("name").asText()
                        + "' only names catalog entry '" + model.path("catalog").asText() + "' and nothing routes to "
                        + "it: left out (catalog-backed models are not supported)"));
                models.remove(i);
            }
        }
    }

    /** The reference's {@code auto_model_names: []} leaves its default auto name; Switchboard's defaults apply. */
    private static void rewriteEmptyAutoNames(ObjectNode root, List<ConfigWarning> warnings) {
        if (root.path("global").path("router") instanceof ObjectNode router
                && router.path("auto_model_names").isArray() && router.path("auto_model_names").isEmpty()) {
            warnings.add(new ConfigWarning("global.router.auto_model_names", "empty: the default auto names "
                    + RouterGlobals.DEFAULT_AUTO_MODEL_NAMES + " are used"));
            router.remove("auto_model_names");
        }
    }

    /** Of {@code global.stores}, only the response cache is supported; its unsupported backends fall back to memory. */
    private static void rewriteStores(ObjectNode root, List<ConfigWarning> warnings) {
        if (!(root.path("global").path("stores") instanceof ObjectNode stores)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = stores.fields(); it.hasNext(); ) {
            String store = it.next().getKey();
            if (!STORE_RESPONSE_CACHE.equals(store)) {
                warnings.add(new ConfigWarning("global.stores." + store, "not supported by Switchboard, ignored (only "
                        + "the response cache is; memory and vector stores are not supported yet)"));
                it.remove();
            }
        }
        if (!(stores.path(STORE_RESPONSE_CACHE) instanceof ObjectNode cache)) {
            return;
        }
        String backend = cache.path("backend_type").asText(ResponseCacheStoreConfig.BACKEND_MEMORY);
        if (cache.has("backend_type") && !ResponseCacheStoreConfig.BACKENDS.contains(backend)) {
            warnings.add(new ConfigWarning("global.stores.response_cache.backend_type", "backend '" + backend
                    + "' is not supported; the memory backend is used (backend_type: kafka shares answers between "
                    + "instances)"));
            cache.set("backend_type", TextNode.valueOf(ResponseCacheStoreConfig.BACKEND_MEMORY));
        }
        if ("lfu".equals(cache.path("eviction_policy").asText())) {
            warnings.add(new ConfigWarning("global.stores.response_cache.eviction_policy",
                    "lfu is not supported; lru is used"));
            cache.set("eviction_policy", TextNode.valueOf(ResponseCacheStoreConfig.EVICTION_LRU));
        }
    }

    /**
     * Of a decision's plugins the response cache and the fast response run: the cache's aliases become its type,
     * other types are dropped with a warning, and a personalised cache (not supported) is dropped unless disabled.
     */
    private static void rewritePlugins(ObjectNode root, List<ConfigWarning> warnings) {
        JsonNode decisions = root.path("routing").path("decisions");
        for (int i = 0; i < decisions.size(); i++) {
            JsonNode plugins = decisions.get(i).path("plugins");
            if (!(plugins instanceof ArrayNode list)) {
                continue;
            }
            for (int j = list.size() - 1; j >= 0; j--) {
                String path = "routing.decisions[" + i + "].plugins[" + j + "]";
                if (!(list.get(j) instanceof ObjectNode plugin)) {
                    continue;
                }
                String type = plugin.path("type").asText();
                if (DecisionPlugin.RESPONSE_CACHE_ALIASES.contains(type)) {
                    plugin.set("type", TextNode.valueOf(DecisionPlugin.RESPONSE_CACHE));
                } else if (!DecisionPlugin.CONFIGURATIONS.containsKey(type)) {
                    warnings.add(new ConfigWarning(path, "plugin '" + type + "' is not supported yet, ignored "
                            + "(Switchboard runs " + String.join(", ", DecisionPlugin.TYPES) + ")"));
                    list.remove(j);
                    continue;
                }
                if (plugin.path("configuration") instanceof ObjectNode configuration
                        && configuration.has("personalized")) {
                    if (!"disabled".equals(configuration.path("personalized").path("mode").asText())) {
                        warnings.add(new ConfigWarning(path + ".configuration.personalized",
                                "personalised caching is not supported, ignored; scope: user keeps answers per user"));
                    }
                    configuration.remove("personalized");
                }
            }
        }
    }
}
