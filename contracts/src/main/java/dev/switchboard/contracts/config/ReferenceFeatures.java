package dev.switchboard.contracts.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    private static final String CACHE_INDEX = "the memory backend indexes prompts by the signs of their embedding";
    private static final String CACHE_BACKENDS = "the response cache's backends are memory and kafka (shared)";

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
            Map.entry("providers.models[*].reasoning", "reasoning settings are not applied yet"),
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
            Map.entry("routing.projections", "signal projections are not supported yet"),
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
            Map.entry("routing.signals.domains", SIGNAL_FAMILY),
            Map.entry("routing.signals.fact_check", SIGNAL_FAMILY),
            Map.entry("routing.signals.user_feedbacks", SIGNAL_FAMILY),
            Map.entry("routing.signals.reasks", SIGNAL_FAMILY),
            Map.entry("routing.signals.preferences", SIGNAL_FAMILY),
            Map.entry("routing.signals.structure", SIGNAL_FAMILY),
            Map.entry("routing.signals.conversation", SIGNAL_FAMILY),
            Map.entry("routing.signals.role_bindings", SIGNAL_FAMILY),
            Map.entry("routing.signals.events", SIGNAL_FAMILY),
            Map.entry("routing.signals.metadata", SIGNAL_FAMILY),
            Map.entry("routing.signals.complexity", SIGNAL_FAMILY),
            Map.entry("routing.signals.modality", SIGNAL_FAMILY),
            Map.entry("routing.signals.jailbreak", SIGNAL_FAMILY),
            Map.entry("routing.signals.pii", SIGNAL_FAMILY),
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
            Map.entry("global.services.management_api", "the HTTP API is global.services.http"),
            Map.entry("global.services.metrics", "metrics are served at /metrics on global.services.http"));

    private static final String STORE_RESPONSE_CACHE = "response_cache";

    private static final Set<String> UNSUPPORTED_KEYWORD_METHODS = Set.of("bm25", "ngram", "fuzzy");

    /** Reference algorithm types that need an external LLM or run several models; they select statically here. */
    private static final Set<String> UNSUPPORTED_ALGORITHMS =
            Set.of("prompt", "confidence", "ratings", "remom", "fusion", "workflows");

    private ReferenceFeatures() {
    }

    /** Removes the ignored fields from {@code root} and rewrites unsupported values, returning one warning each. */
    static List<ConfigWarning> strip(ObjectNode root) {
        List<ConfigWarning> warnings = new ArrayList<>();
        strip(root, "", "", warnings);
        rewriteUnsupportedValues(root, warnings);
        return warnings;
    }

    private static void strip(JsonNode node, String path, String pattern, List<ConfigWarning> warnings) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String childPattern = pattern.isEmpty() ? field.getKey() : pattern + "." + field.getKey();
                String reason = IGNORED_FIELDS.get(childPattern);
                if (reason != null) {
                    warnings.add(new ConfigWarning(childPath, "not supported by Switchboard, ignored (" + reason + ")"));
                    it.remove();
                } else {
                    strip(field.getValue(), childPath, childPattern, warnings);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strip(node.get(i), path + "[" + i + "]", pattern + "[*]", warnings);
            }
        }
    }

    private static void rewriteUnsupportedValues(ObjectNode root, List<ConfigWarning> warnings) {
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
     * Of a decision's plugins only the response cache runs: its aliases become its type, other types are dropped
     * with a warning, and a personalised cache (not supported) is dropped unless disabled.
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
                } else if (!DecisionPlugin.RESPONSE_CACHE.equals(type)) {
                    warnings.add(new ConfigWarning(path, "plugin '" + type + "' is not supported yet, ignored (only "
                            + DecisionPlugin.RESPONSE_CACHE + " is)"));
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
