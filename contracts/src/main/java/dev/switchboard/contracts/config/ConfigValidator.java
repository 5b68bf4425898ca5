package dev.switchboard.contracts.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Semantic checks of a bound config: required fields, allowed values, ranges and references between sections. Every
 * problem is collected (not only the first) and names its YAML path.
 */
final class ConfigValidator {

    /** Leaf condition types Switchboard evaluates, with the signal family each refers to. */
    static final Map<String, String> CONDITION_TYPES = Map.ofEntries(
            Map.entry(SignalsConfig.KEYWORD, "routing.signals.keywords"),
            Map.entry(SignalsConfig.EMBEDDING, "routing.signals.embeddings"),
            Map.entry(SignalsConfig.CONTEXT, "routing.signals.context"),
            Map.entry(SignalsConfig.LANGUAGE, "routing.signals.language"),
            Map.entry(SignalsConfig.DOMAIN, "routing.signals.domains"),
            Map.entry(SignalsConfig.COMPLEXITY, "routing.signals.complexity (name '<rule>:easy|medium|hard')"),
            Map.entry(SignalsConfig.STRUCTURE, "routing.signals.structure"),
            Map.entry(SignalsConfig.CONVERSATION, "routing.signals.conversation"),
            Map.entry(SignalsConfig.USER_FEEDBACK, "routing.signals.user_feedbacks"),
            Map.entry(SignalsConfig.FACT_CHECK, "routing.signals.fact_check"),
            Map.entry(SignalsConfig.JAILBREAK, "routing.signals.jailbreak"),
            Map.entry(SignalsConfig.PII, "routing.signals.pii"),
            Map.entry(SignalsConfig.REASK, "routing.signals.reasks"),
            Map.entry(SignalsConfig.PREFERENCE, "routing.signals.preferences"),
            Map.entry(SignalsConfig.AUTHZ, "routing.signals.role_bindings (name or role)"),
            Map.entry(SignalsConfig.METADATA, "routing.signals.metadata"),
            Map.entry(SignalsConfig.EVENT, "routing.signals.events"),
            Map.entry(SignalsConfig.MODALITY, "routing.signals.modality (AR, DIFFUSION, BOTH)"),
            Map.entry(SignalsConfig.INPUT_MODALITY, "routing.signals.input_modality"),
            Map.entry("model_card", "routing.modelCards"),
            Map.entry("projection", "routing.projections.mappings[].outputs"));

    /** Leaf condition types of the reference whose signal families are not supported yet. */
    private static final Set<String> REFERENCE_CONDITION_TYPES = Set.of("kb", "classifier",
            "safety", "decision", "hallucination");
    private static final String PROJECTION = "projection";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:/]+:\\d{1,5}");
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2}");
    /** An HTTP field name (RFC 9110 token). */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final ConfigChecks checks;

    private ConfigValidator(List<ConfigWarning> warnings) {
        this.checks = new ConfigChecks(problems, warnings);
    }

    /** Returns every problem of {@code config}; adds warnings for supported-later values to {@code warnings}. */
    static List<ConfigProblem> validate(SwitchboardConfig config, List<ConfigWarning> warnings) {
        ConfigValidator validator = new ConfigValidator(warnings);
        validator.check(config);
        return List.copyOf(validator.problems);
    }

    private void check(SwitchboardConfig config) {
        if (config.version() == null) {
            checks.error("version", "missing; expected '" + SwitchboardConfig.SUPPORTED_VERSION + "'");
        } else if (!SwitchboardConfig.SUPPORTED_VERSION.equals(config.version())) {
            checks.error("version", "unsupported version '" + config.version() + "'; expected '"
                    + SwitchboardConfig.SUPPORTED_VERSION + "'");
        }
        Set<String> models = checkModels(config.providers());
        checkDefaultModel(config.providers(), models);
        checkRouting(config.routing(), models);
        checkGlobal(config.global(), models);
    }

    private Set<String> checkModels(ProvidersConfig providers) {
        Set<String> names = new HashSet<>();
        if (providers.models().isEmpty()) {
            checks.error("providers.models", "at least one model is required");
        }
        for (int i = 0; i < providers.models().size(); i++) {
            String path = "providers.models[" + i + "]";
            ModelDefinition model = providers.models().get(i);
            if (model == null) {
                checks.error(path, "empty entry; expected a model with a name and backend_refs");
                continue;
            }
            if (checks.required(path + ".name", model.name()) && !names.add(model.name())) {
                checks.error(path + ".name", "duplicate model name '" + model.name() + "'");
            }
            checks.required(path + ".provider_model_id", model.providerModelId());
            if (!ModelDefinition.API_FORMAT_OPENAI.equals(model.apiFormat())) {
                if ("anthropic".equals(model.apiFormat())) {
                    checks.warn(path + ".api_format", "'anthropic' is not supported yet; requests are forwarded in the "
                            + "OpenAI format, which the gateway or backend must accept");
                } else {
                    checks.error(path + ".api_format", "unknown format '" + model.apiFormat() + "'; expected 'openai'");
                }
            }
            checkPricing(path + ".pricing", model.pricing());
            checkBackends(path + ".backend_refs", model.backendRefs());
        }
        return names;
    }

    private void checkPricing(String path, Pricing pricing) {
        if (pricing == null) {
            return;
        }
        checks.nonNegative(path + ".prompt_per_1m", pricing.promptPer1m());
        checks.nonNegative(path + ".completion_per_1m", pricing.completionPer1m());
    }

    private void checkBackends(String path, List<BackendRef> backends) {
        if (backends.isEmpty()) {
            checks.error(path, "at least one backend is required (endpoint or base_url)");
        }
        for (int i = 0; i < backends.size(); i++) {
            String at = path + "[" + i + "]";
            BackendRef backend = backends.get(i);
            if (backend == null) {
                checks.error(at, "empty entry; expected a backend with a name and an endpoint or base_url");
                continue;
            }
            checks.required(at + ".name", backend.name());
            if ((backend.endpoint() == null) == (backend.baseUrl() == null)) {
                checks.error(at, "exactly one of 'endpoint' (host:port) and 'base_url' (a URL) is required");
            }
            if (backend.endpoint() != null && !HOST_PORT.matcher(backend.endpoint()).matches()) {
                checks.error(at + ".endpoint", "expected host:port, got '" + backend.endpoint() + "'");
            }
            if (backend.baseUrl() != null && !isHttpUrl(backend.baseUrl())) {
                checks.error(at + ".base_url", "expected an http:// or https:// URL, got '" + backend.baseUrl() + "'");
            }
            checks.oneOf(at + ".protocol", backend.protocol(), List.of("http", "https"));
            if (backend.apiKeyEnv() != null && !ENV_NAME.matcher(backend.apiKeyEnv()).matches()) {
                checks.error(at + ".api_key_env", "expected the name of an environment variable, got '"
                        + backend.apiKeyEnv() + "'");
            }
            if (backend.weight() < 0) {
                checks.error(at + ".weight", "must not be negative, got " + backend.weight());
            }
            if (!backend.chatPath().startsWith("/")) {
                checks.error(at + ".chat_path", "must start with '/', got '" + backend.chatPath() + "'");
            }
        }
    }

    private void checkDefaultModel(ProvidersConfig providers, Set<String> models) {
        String path = "providers.defaults.default_model";
        String model = providers.defaults().defaultModel();
        if (model == null) {
            checks.error(path, "missing; the model used when no decision matches or routing fails is required");
        } else if (!models.contains(model)) {
            checks.error(path, unknownModel(model, models));
        }
    }

    private void checkRouting(RoutingConfig routing, Set<String> models) {
        checks.oneOf("routing.strategy", routing.strategy(),
                List.of(RoutingConfig.STRATEGY_PRIORITY, RoutingConfig.STRATEGY_CONFIDENCE));
        checkModelCards(routing.modelCards(), models);
        Map<String, Set<String>> signalNames = new HashMap<>(checkSignals(routing.signals()));
        signalNames.put("model_card", routing.modelCards().stream().filter(c -> c != null && c.name() != null)
                .map(ModelCard::name).collect(Collectors.toSet()));
        signalNames.put(PROJECTION, ProjectionChecks.check(routing.projections(), signalNames,
                REFERENCE_CONDITION_TYPES, checks));
        Set<String> decisionNames = new HashSet<>();
        for (int i = 0; i < routing.decisions().size(); i++) {
            String path = "routing.decisions[" + i + "]";
            DecisionDefinition decision = routing.decisions().get(i);
            if (decision == null) {
                checks.error(path, "empty entry; expected a decision with a name and modelRefs");
                continue;
            }
            if (checks.required(path + ".name", decision.name())) {
                if (!decisionNames.add(decision.name())) {
                    checks.error(path + ".name", "duplicate decision name '" + decision.name() + "'");
                } else if (models.contains(decision.name())) {
                    checks.error(path + ".name", "'" + decision.name() + "' is also a model name; a request for it would be "
                            + "ambiguous");
                }
            }
            checkRule(path + ".rules", decision.rules(), signalNames);
            if (decision.fastResponse().isEmpty() || !decision.modelRefs().isEmpty()) {
                // A decision that answers itself calls no model, so it needs none.
                checkModelRefs(path + ".modelRefs", decision.modelRefs(), models);
            }
            checkAlgorithm(path + ".algorithm", decision.algorithm());
            checkPlugins(path + ".plugins", decision.plugins());
        }
    }

    private void checkReplay(String path, RouterReplayPlugin replay) {
        checks.inRange(path + ".max_records", replay.maxRecords(), 1, RouterReplayPlugin.MAX_RECORDS);
        String never = "bodies are never captured: Switchboard keeps no prompts or answers; a record holds the "
                + "routing facts and the response's outcome";
        if (replay.captureRequestBody()) {
            checks.warn(path + ".capture_request_body", never);
        }
        if (replay.captureResponseBody()) {
            checks.warn(path + ".capture_response_body", never);
        }
    }

    private void checkPlugins(String path, List<DecisionPlugin> plugins) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < plugins.size(); i++) {
            String at = path + "[" + i + "]";
            DecisionPlugin plugin = plugins.get(i);
            if (plugin == null) {
                checks.error(at, "empty entry; expected a plugin with a type");
                continue;
            }
            if (!checks.required(at + ".type", plugin.type())
                    || !checks.oneOf(at + ".type", plugin.type(),
                            DecisionPlugin.TYPES)) {
                continue;
            }
            if (!types.add(plugin.type())) {
                checks.error(at, "a decision has one " + plugin.type() + " plugin");
            }
            String config = at + ".configuration";
            plugin.configuration(FastResponsePlugin.class)
                    .ifPresent(fast -> checks.required(config + ".message", fast.message()));
            plugin.configuration(ResponseCachePlugin.class).ifPresent(cache -> checkResponseCache(config, cache));
            plugin.configuration(SystemPromptPlugin.class).ifPresent(prompt -> {
                checks.oneOf(config + ".mode", prompt.mode(), SystemPromptPlugin.MODES);
                if (prompt.enabled() && (prompt.systemPrompt() == null || prompt.systemPrompt().isBlank())) {
                    // As in the reference: a plugin without a prompt adds nothing.
                    checks.warn(config + ".system_prompt", "no prompt; the plugin adds nothing");
                }
            });
            plugin.configuration(RequestParamsPlugin.class).ifPresent(params -> {
                for (int j = 0; j < params.blockedParams().size(); j++) {
                    checks.required(config + ".blocked_params[" + j + "]", params.blockedParams().get(j));
                }
                checks.positive(config + ".default_max_tokens", params.defaultMaxTokens());
                checks.positive(config + ".max_tokens_limit", params.maxTokensLimit());
                checks.positive(config + ".max_n", params.maxN());
            });
            plugin.configuration(HeaderMutationPlugin.class).ifPresent(mutation -> checkHeaders(config, mutation));
            plugin.configuration(RouterReplayPlugin.class).ifPresent(replay -> checkReplay(config, replay));
        }
    }

    private void checkHeaders(String config, HeaderMutationPlugin mutation) {
        Map<String, List<HeaderMutationPlugin.Header>> sets = Map.of("add", mutation.add(), "update",
                mutation.update());
        sets.forEach((list, headers) -> {
            for (int j = 0; j < headers.size(); j++) {
                String at = config + "." + list + "[" + j + "]";
                HeaderMutationPlugin.Header header = headers.get(j);
                if (header == null) {
                    checks.error(at, "empty entry; expected {name, value}");
                    continue;
                }
                headerName(at + ".name", header.name());
                if (header.value() == null) {
                    checks.error(at + ".value", "missing; a string is required (it may be empty)");
                }
            }
        });
        for (int j = 0; j < mutation.delete().size(); j++) {
            headerName(config + ".delete[" + j + "]", mutation.delete().get(j));
        }
    }

    private void headerName(String path, String name) {
        if (!checks.required(path, name)) {
            return;
        }
        if (!HEADER_NAME.matcher(name).matches()) {
            checks.error(path, "'" + name + "' is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)");
        } else if (HeaderMutationPlugin.PROTECTED.contains(name.toLowerCase(Locale.ROOT))) {
            checks.error(path, "'" + name + "' frames the request or carries its credentials; a route may not change "
                    + "it (protected: " + HeaderMutationPlugin.PROTECTED + ")");
        }
    }

    private void checkResponseCache(String config, ResponseCachePlugin cache) {
        checks.oneOf(config + ".mode", cache.mode(), ResponseCachePlugin.MODES);
        checks.oneOf(config + ".scope", cache.scope(), ResponseCachePlugin.SCOPES);
        checks.inRange(config + ".semantic.similarity_threshold", cache.semantic().similarityThreshold(), 0.5, 1);
        checks.positive(config + ".ttl_seconds", cache.ttlSeconds());
        ResponseCachePlugin.RequestControls controls = cache.requestControls();
        checks.required(config + ".request_controls.header", controls.header());
        for (int j = 0; j < controls.allowed().size(); j++) {
            String directive = controls.allowed().get(j);
            if (checks.required(config + ".request_controls.allowed[" + j + "]", directive)) {
                checks.oneOf(config + ".request_controls.allowed[" + j + "]", directive,
                        ResponseCachePlugin.RequestControls.DIRECTIVES);
            }
        }
        checks.positive(config + ".request_controls.max_ttl_seconds", controls.maxTtlSeconds());
    }

    private void checkModelCards(List<ModelCard> cards, Set<String> models) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cards.size(); i++) {
            String path = "routing.modelCards[" + i + "]";
            ModelCard card = cards.get(i);
            if (card == null) {
                checks.error(path, "empty entry; expected a model card with a name");
                continue;
            }
            if (checks.required(path + ".name", card.name())) {
                if (!models.contains(card.name())) {
                    checks.error(path + ".name", "model card without a model: " + unknownModel(card.name(), models));
                } else if (!seen.add(card.name())) {
                    checks.error(path + ".name", "duplicate model card for '" + card.name() + "'");
                }
            }
            checks.inRange(path + ".quality_score", card.qualityScore(), 0, 1);
            if (card.contextWindowSize() != null && card.contextWindowSize() <= 0) {
                checks.error(path + ".context_window_size", "must be positive, got " + card.contextWindowSize());
            }
        }
    }

    private Map<String, Set<String>> checkSignals(SignalsConfig signals) {
        String base = "routing.signals.";
        Set<String> keywordNames = names(base + "keywords", signals.keywords(), KeywordSignal::name);
        for (int i = 0; i < signals.keywords().size(); i++) {
            KeywordSignal rule = signals.keywords().get(i);
            String path = base + "keywords[" + i + "]";
            if (rule == null) {
                continue;
            }
            checks.oneOf(path + ".operator", rule.operator(), List.of("AND", "OR", "NOR"));
            checks.oneOf(path + ".method", rule.method(), List.of(KeywordSignal.METHOD_PLAIN, KeywordSignal.METHOD_REGEX));
            checks.nonEmpty(path + ".keywords", rule.keywords());
            for (int k = 0; k < rule.keywords().size(); k++) {
                String keyword = rule.keywords().get(k);
                if (!checks.required(path + ".keywords[" + k + "]", keyword)) {
                    continue;
                }
                if (KeywordSignal.METHOD_REGEX.equals(rule.method())) {
                    try {
                        Pattern.compile(keyword);
                    } catch (PatternSyntaxException e) {
                        checks.error(path + ".keywords[" + k + "]", "invalid regular expression: " + e.getDescription()
                                + " near index " + e.getIndex());
                    }
                }
            }
        }
        Set<String> embeddingNames = names(base + "embeddings", signals.embeddings(), EmbeddingSignal::name);
        for (int i = 0; i < signals.embeddings().size(); i++) {
            EmbeddingSignal rule = signals.embeddings().get(i);
            String path = base + "embeddings[" + i + "]";
            if (rule == null) {
                continue;
            }
            checks.nonEmpty(path + ".candidates", rule.candidates());
            for (int k = 0; k < rule.candidates().size(); k++) {
                checks.required(path + ".candidates[" + k + "]", rule.candidates().get(k));
            }
            if (rule.threshold() == null) {
                checks.error(path + ".threshold", "missing; expected the similarity in [-1, 1] at which the rule matches");
            }
            checks.inRange(path + ".threshold", rule.threshold(), -1, 1);
            checks.oneOf(path + ".aggregation_method", rule.aggregationMethod(), List.of("max", "mean", "any"));
        }
        Set<String> contextNames = names(base + "context", signals.context(), ContextSignal::name);
        for (int i = 0; i < signals.context().size(); i++) {
            ContextSignal rule = signals.context().get(i);
            String path = base + "context[" + i + "]";
            if (rule == null) {
                continue;
            }
            if (rule.minTokens() == null && rule.maxTokens() == null) {
                checks.error(path, "at least one of min_tokens and max_tokens is required");
            } else if (rule.minTokens() != null && rule.maxTokens() != null
                    && rule.minTokens().value() > rule.maxTokens().value()) {
                checks.error(path, "min_tokens (" + rule.minTokens().value() + ") is greater than max_tokens ("
                        + rule.maxTokens().value() + ")");
            }
        }
        Set<String> languageNames = names(base + "language", signals.language(), LanguageSignal::name);
        for (int i = 0; i < signals.language().size(); i++) {
            LanguageSignal rule = signals.language().get(i);
            String path = base + "language[" + i + "]";
            if (rule == null) {
                continue;
            }
            if (rule.name() != null && !LANGUAGE_CODE.matcher(rule.name()).matches()) {
                checks.error(path + ".name", "expected a two-letter ISO 639-1 language code such as 'en' or 'zh', got '"
                        + rule.name() + "'");
            }
            checks.inRange(path + ".threshold", rule.threshold(), 0, 1);
        }
        Map<String, Set<String>> names = new HashMap<>(SignalFamilyChecks.check(signals, checks));
        names.putAll(Map.of(SignalsConfig.KEYWORD, keywordNames, SignalsConfig.EMBEDDING, embeddingNames,
                SignalsConfig.CONTEXT, contextNames, SignalsConfig.LANGUAGE, languageNames));
        return names;
    }

    private void checkRule(String path, RuleNode rule, Map<String, Set<String>> signalNames) {
        if (rule == null) {
            checks.error(path, "empty entry; expected a condition {type, name} or {operator, conditions}");
            return;
        }
        if (rule.isEmpty()) {
            return;
        }
        if (rule.isLeaf()) {
            if (rule.operator() != null || !rule.conditions().isEmpty()) {
                checks.error(path, "a node is either a condition {type, name} or an operator {operator, conditions}, not both");
                return;
            }
            checkCondition(path, rule, signalNames);
            return;
        }
        if (rule.operator() == null) {
            checks.error(path + ".operator", "missing; expected AND, OR or NOT");
            return;
        }
        checks.oneOf(path + ".operator", rule.operator(), List.of("AND", "OR", "NOT"));
        if ("NOT".equals(rule.operator()) && rule.conditions().size() != 1) {
            checks.error(path + ".conditions", "NOT takes exactly one condition, got " + rule.conditions().size());
        }
        for (int i = 0; i < rule.conditions().size(); i++) {
            checkRule(path + ".conditions[" + i + "]", rule.conditions().get(i), signalNames);
        }
    }

    private void checkCondition(String path, RuleNode leaf, Map<String, Set<String>> signalNames) {
        if (!checks.required(path + ".type", leaf.type()) || !checks.required(path + ".name", leaf.name())) {
            return;
        }
        if (REFERENCE_CONDITION_TYPES.contains(leaf.type())) {
            checks.warn(path, "condition type '" + leaf.type() + "' is not supported yet; it never matches");
            return;
        }
        Set<String> names = signalNames.get(leaf.type());
        if (names == null) {
            checks.error(path + ".type", "unknown condition type '" + leaf.type() + "'; expected one of "
                    + sorted(CONDITION_TYPES.keySet()));
        } else if (!names.contains(leaf.name())) {
            checks.error(path + ".name", "unknown " + leaf.type() + " rule '" + leaf.name() + "'; define it in "
                    + CONDITION_TYPES.get(leaf.type()) + (names.isEmpty() ? "" : " (defined: " + sorted(names) + ")"));
        }
    }

    private void checkModelRefs(String path, List<ModelRef> refs, Set<String> models) {
        checks.nonEmpty(path, refs);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            String at = path + "[" + i + "]";
            ModelRef ref = refs.get(i);
            if (ref == null) {
                checks.error(at, "empty entry; expected {model: <name>}");
                continue;
            }
            if (!checks.required(at + ".model", ref.model())) {
                continue;
            }
            if (!models.contains(ref.model())) {
                checks.error(at + ".model", unknownModel(ref.model(), models));
            } else if (!seen.add(ref.model())) {
                checks.error(at + ".model", "model '" + ref.model() + "' is listed twice");
            }
            checks.nonNegative(at + ".weight", ref.weight());
        }
    }

    private void checkAlgorithm(String path, AlgorithmConfig algorithm) {
        AlgorithmPlugins plugins = AlgorithmPlugins.installed();
        ConfigChecks at = checks.at(path);
        Optional<AlgorithmPlugin<?>> plugin = plugins.byType(algorithm.type());
        // A decision without an algorithm selects statically; that the plugin is there is the router's to check.
        if (plugin.isEmpty() && algorithm != AlgorithmConfig.DEFAULT) {
            at.error(AlgorithmConfig.TYPE_KEY, "unknown algorithm '" + algorithm.type() + "'; expected one of "
                    + plugins.types());
        }
        List<String> used = new ArrayList<>(List.of(algorithm.type()));
        plugin.ifPresent(p -> used.addAll(builtOn(p, algorithm.settings())));
        for (Map.Entry<String, AlgorithmConfig.Block> block : algorithm.blocks().entrySet()) {
            if (!used.contains(block.getValue().type())) {
                // A warning, not an error: switching algorithms stays a one-line change of `type`.
                at.warn(block.getKey(), "ignored: the algorithm type is '" + algorithm.type() + "'");
            }
            plugins.byType(block.getValue().type()).ifPresent(owner ->
                    validate(owner, block.getValue().settings(), at.at(block.getKey())));
        }
    }

    @SuppressWarnings("unchecked")
    private static <S> List<String> builtOn(AlgorithmPlugin<S> plugin, Object settings) {
        return plugin.settingsType().isInstance(settings) ? plugin.builtOn((S) settings) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static <S> void validate(AlgorithmPlugin<S> plugin, Object settings, ConfigChecks checks) {
        plugin.validate((S) settings, checks);
    }

    private void checkGlobal(GlobalConfig global, Set<String> models) {
        checkServer("global.services.http", global.services().http());
        checkServer("global.services.extproc", global.services().extproc());
        if (global.services().http().port() != 0
                && global.services().http().port().equals(global.services().extproc().port())
                && global.services().http().bind().equals(global.services().extproc().bind())) {
            checks.error("global.services.extproc.port", "the same address as global.services.http; give each its own port");
        }
        if (global.services().drainTimeout().isNegative()) {
            checks.error("global.services.drain_timeout", "must not be negative");
        }
        checkTracing(global.services().observability().tracing());
        checkProxy(global.proxy());
        checks.inRange("global.learning.max_exemplars", global.learning().maxExemplars(), 0, 1_000_000);
        checks.inRange("global.learning.implicit_weight", global.learning().implicitWeight(), 0, 1);
        if (global.learning().publishInterval().compareTo(Duration.ofMillis(10)) < 0) {
            checks.error("global.learning.publish_interval", "must be at least 10ms, got "
                    + global.learning().publishInterval());
        }
        if (global.learning().catchUpTimeout().isNegative()) {
            checks.error("global.learning.catch_up_timeout", "must not be negative");
        }
        List<String> autoNames = global.router().autoModelNames();
        checks.nonEmpty("global.router.auto_model_names", autoNames);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < autoNames.size(); i++) {
            String path = "global.router.auto_model_names[" + i + "]";
            String name = autoNames.get(i);
            if (!checks.required(path, name)) {
                continue;
            }
            if (!seen.add(name)) {
                checks.error(path, "'" + name + "' is listed twice");
            } else if (models.contains(name)) {
                checks.error(path, "'" + name + "' is also a model name; a request for it would be ambiguous");
            }
        }
        if (global.reload().pollInterval().compareTo(Duration.ofMillis(100)) < 0) {
            checks.error("global.reload.poll_interval", "must be at least 100ms, got " + global.reload().pollInterval());
        }
        KafkaConfig kafka = global.kafka();
        if (!kafka.usesEmbeddedBroker()) {
            for (String server : kafka.bootstrapServers().split(",")) {
                if (!HOST_PORT.matcher(server.strip()).matches()) {
                    checks.error("global.kafka.bootstrap_servers", "expected host:port[,host:port...], got '"
                            + kafka.bootstrapServers() + "'");
                    break;
                }
            }
        }
        checks.required("global.kafka.topics.decisions", kafka.topics().decisions());
        checks.required("global.kafka.topics.outcomes", kafka.topics().outcomes());
        checks.required("global.kafka.topics.feedback", kafka.topics().feedback());
        checks.required("global.kafka.topics.learned_state", kafka.topics().learnedState());
        checks.inRange("global.kafka.buffer_max_events", kafka.bufferMaxEvents(), 1, 10_000_000);
        checks.inRange("global.kafka.partitions", kafka.partitions(), 1, 1_000);
        checks.required("global.kafka.application_id", kafka.applicationId());
        if (kafka.applicationId() != null && !kafka.applicationId().matches("[A-Za-z0-9._-]{1,200}")) {
            // It names the consumer group and prefixes the internal topics: Kafka's topic-name characters only.
            checks.error("global.kafka.application_id", "expected letters, digits, '.', '_' or '-', got '"
                    + kafka.applicationId() + "'");
        }
        checks.inRange("global.kafka.embedded.port", kafka.embedded().port(), 0, 65_535);
        checks.required("global.kafka.embedded.data_dir", kafka.embedded().dataDir());
        checkEmbedding("global.embedding", global.embedding());
        checkResponseCacheStore(global.stores().responseCache());
        checks.oneOf("global.logging.level", global.logging().level(), List.of("error", "warn", "info", "debug", "trace"));
    }

    private void checkResponseCacheStore(ResponseCacheStoreConfig store) {
        String path = "global.stores.response_cache";
        checks.oneOf(path + ".backend_type", store.backendType(), ResponseCacheStoreConfig.BACKENDS);
        checks.inRange(path + ".similarity_threshold", store.similarityThreshold(), 0.5, 1);
        checks.inRange(path + ".max_entries", store.maxEntries(), 1, 10_000_000);
        checks.inRange(path + ".max_bytes", store.maxBytes(), 1024 * 1024, 1L << 40);
        checks.positive(path + ".ttl_seconds", store.ttlSeconds());
        checks.oneOf(path + ".eviction_policy", store.evictionPolicy(), ResponseCacheStoreConfig.EVICTION_POLICIES);
    }

    private void checkServer(String path, ServerConfig server) {
        checks.required(path + ".bind", server.bind());
        checks.inRange(path + ".port", server.port(), 0, 65535);
        checks.positiveDuration(path + ".idle_timeout", server.idleTimeout());
        checks.positiveDuration(path + ".header_read_timeout", server.headerReadTimeout());
        checks.positiveDuration(path + ".request_timeout", server.requestTimeout());
        checks.inRange(path + ".max_header_bytes", server.maxHeaderBytes(), 1024, 1024 * 1024);
        checks.inRange(path + ".max_headers", server.maxHeaders(), 8, 10_000);
        checks.inRange(path + ".max_concurrent_streams", server.maxConcurrentStreams(), 1, 1_000_000);
        if (server.tls() != null) {
            checkTls(path + ".tls", server.tls());
        }
    }

    private void checkTls(String path, TlsConfig tls) {
        readableFile(path + ".cert_file", tls.certFile());
        readableFile(path + ".key_file", tls.keyFile());
        if (tls.clientCaFile() != null) {
            readableFile(path + ".client_ca_file", tls.clientCaFile());
        }
        if (checks.oneOf(path + ".client_auth", tls.clientAuth(), List.of(TlsConfig.CLIENT_AUTH_NONE,
                TlsConfig.CLIENT_AUTH_REQUEST, TlsConfig.CLIENT_AUTH_REQUIRED))
                && !TlsConfig.CLIENT_AUTH_NONE.equals(tls.clientAuth()) && tls.clientCaFile() == null) {
            checks.error(path + ".client_ca_file", "missing; client_auth '" + tls.clientAuth()
                    + "' needs the CA that signs the clients' certificates");
        }
    }

    private void readableFile(String path, String file) {
        if (checks.required(path, file) && !Files.isReadable(Path.of(file))) {
            checks.error(path, "cannot read '" + file + "'");
        }
    }

    private void checkEmbedding(String path, EmbeddingConfig embedding) {
        checks.oneOf(path + ".source", embedding.source(), List.of(EmbeddingConfig.SOURCE_BUILTIN,
                EmbeddingConfig.SOURCE_LOCAL, EmbeddingConfig.SOURCE_HUB));
        if (EmbeddingConfig.SOURCE_LOCAL.equals(embedding.source())) {
            checks.required(path + ".path", embedding.path());
        }
        if (EmbeddingConfig.SOURCE_HUB.equals(embedding.source())) {
            if (embedding.hub() == null) {
                checks.error(path + ".hub", "missing; source 'hub' needs {repo, revision}");
            } else {
                checks.required(path + ".hub.repo", embedding.hub().repo());
                if (!isHttpUrl(embedding.hub().baseUrl())) {
                    checks.error(path + ".hub.base_url", "expected an http:// or https:// URL, got '"
                            + embedding.hub().baseUrl() + "'");
                }
            }
        }
        checks.oneOf(path + ".pooling", embedding.pooling(), List.of("auto", "mean", "cls", "last_token"));
        checks.oneOf(path + ".mode", embedding.mode(), List.of(EmbeddingConfig.MODE_TRANSFORMER,
                EmbeddingConfig.MODE_STATIC));
        checks.inRange(path + ".max_tokens", embedding.maxTokens(), 1, 32_768);
        if (embedding.targetDimension() != null) {
            checks.inRange(path + ".target_dimension", embedding.targetDimension(), 1, 65_536);
        }
        if (embedding.targetLayer() != null) {
            checks.inRange(path + ".target_layer", embedding.targetLayer(), 1, 1_000);
        }
        checks.inRange(path + ".instances", embedding.instances(), 1, 64);
        if (embedding.intraOpThreads() != null) {
            checks.inRange(path + ".intra_op_threads", embedding.intraOpThreads(), 1, 256);
        }
        checks.inRange(path + ".batch.max_size", embedding.batch().maxSize(), 1, 1_024);
        if (embedding.batch().maxWait().isNegative()) {
            checks.error(path + ".batch.max_wait", "must not be negative");
        }
        checks.inRange(path + ".cache_size", embedding.cacheSize(), 0, 10_000_000);
    }

    // --- small checks, each adding at most one problem -----------------------------------------------------------

    private <T> Set<String> names(String path, List<T> rules, Function<T, String> name) {
        return checks.ruleNames(path, rules, name);
    }

    private void checkTracing(TracingConfig tracing) {
        String path = "global.services.observability.tracing";
        checks.oneOf(path + ".provider", tracing.provider(), List.of(TracingConfig.PROVIDER_OPENTELEMETRY));
        checks.oneOf(path + ".exporter.type", tracing.exporter().type(), List.of(TracingConfig.EXPORTER_OTLP));
        checks.oneOf(path + ".exporter.protocol", tracing.exporter().protocol(), TracingConfig.PROTOCOLS);
        checks.oneOf(path + ".sampling.type", tracing.sampling().type(), TracingConfig.SAMPLING_TYPES);
        checks.inRange(path + ".sampling.rate", tracing.sampling().rate(), 0, 1);
        if (tracing.resource().serviceName().isBlank()) {
            checks.error(path + ".resource.service_name", "must not be blank");
        }
    }

    private void checkProxy(ProxyConfig proxy) {
        if (proxy.maxBodyBytes() < 1024 || proxy.maxBodyBytes() > ProxyConfig.LARGEST_MAX_BODY_BYTES) {
            checks.error("global.proxy.max_body_bytes", "must be between 1024 and " + ProxyConfig.LARGEST_MAX_BODY_BYTES
                    + " bytes, got " + proxy.maxBodyBytes());
        }
        checks.positiveDuration("global.proxy.route_timeout", proxy.routeTimeout());
        checks.positiveDuration("global.proxy.backend_connect_timeout", proxy.backendConnectTimeout());
        checks.positiveDuration("global.proxy.backend_idle_timeout", proxy.backendIdleTimeout());
        checks.inRange("global.proxy.max_json_depth", proxy.maxJsonDepth(), 8, 1000);
        checks.inRange("global.proxy.max_messages", proxy.maxMessages(), 1, 100_000);
        variableName("global.proxy.api_token_env", proxy.apiTokenEnv());
        variableName("global.proxy.auth.feedback_token_env", proxy.auth().feedbackTokenEnv());
        variableName("global.proxy.auth.ratings_token_env", proxy.auth().ratingsTokenEnv());
        variableName("global.proxy.auth.metrics_token_env", proxy.auth().metricsTokenEnv());
        variableName("global.proxy.auth.admin_token_env", proxy.auth().adminTokenEnv());
    }

    private void variableName(String path, String variable) {
        if (variable != null && variable.isBlank()) {
            checks.error(path, "must name an environment variable");
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String unknownModel(String model, Set<String> models) {
        return "unknown model '" + model + "'; expected one of " + sorted(models) + " (providers.models[].name)";
    }

    private static String sorted(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }

}
