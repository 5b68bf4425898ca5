package dev.switchboard.router;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.ConfigChanged;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.bus.PromptEmbedding;
import dev.switchboard.contracts.bus.Escalation;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.LearnedDomains;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.selection.AnchorSimilarities;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionPlugins;
import dev.switchboard.selection.SelectionEnvironment;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.learning.EmbeddingBound;
import dev.switchboard.router.signals.LanguageRules;
import dev.switchboard.router.signals.SignalResults;
import dev.switchboard.contracts.trace.TraceNames;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which model serves a request, on {@link Addresses#ROUTER_ROUTE}, and explains why.
 *
 * <p>A decision is a function of the request, one immutable {@link RoutingSnapshot} (config, compiled signals, card
 * vectors, algorithms) and, later, a learned-state snapshot. A config change builds a new snapshot (embedding the
 * cards once) and swaps it in atomically; a request keeps the snapshot it started with. The router's own failures
 * never fail a request: they fall back to the default model with a reason code. Runs on an event loop; the only
 * blocking work, inference, happens in the embedder.
 */
public final class RouterVerticle extends VerticleBase {

    private static final Logger LOGGER = LoggerFactory.getLogger(RouterVerticle.class);
    /** How long a request waits for its prompt's embedding before routing without it. */
    static final long EMBEDDING_TIMEOUT_MS = 1_000;

    private final RouterSettings initialSettings;
    private final String initialRevision;
    private final SelectionPlugins plugins;
    private final SelectionEnvironment environment;
    private final RouterMetrics metrics;
    private final OpenTelemetry openTelemetry;
    private final AtomicReference<RoutingSnapshot> snapshot = new AtomicReference<>();
    private final ObservationStore observations = new ObservationStore();
    private final AtomicReference<LearnedState> learned = new AtomicReference<>(LearnedState.EMPTY);
    private SnapshotBuilder builder;

    /**
     * @param settings the router's slice of the config
     * @param revision the config's revision
     * @param registry where the router's meters go; null for none
     */
    public RouterVerticle(RouterSettings settings, String revision, MeterRegistry registry) {
        this(settings, revision, registry, SelectionEnvironment.system());
    }

    /**
     * A router with its own clock and randomness (exploring algorithms draw from it): a seeded one makes routing
     * reproducible, as the evaluation needs.
     */
    public RouterVerticle(RouterSettings settings, String revision, MeterRegistry registry,
            SelectionEnvironment environment) {
        this(settings, revision, registry, environment, OpenTelemetry.noop());
    }

    /** @param openTelemetry the process's traces (the routing spans); a no-op one when tracing is off */
    public RouterVerticle(RouterSettings settings, String revision, MeterRegistry registry,
            SelectionEnvironment environment, OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.initialSettings = settings;
        this.initialRevision = revision;
        this.environment = environment;
        this.metrics = new RouterMetrics(registry == null ? new SimpleMeterRegistry() : registry);
        this.plugins = SelectionPlugins.installed();
    }

    /** How many selection algorithms this router can run; logged as {@code selector_count} at start-up. */
    public int selectorCount() {
        return plugins.size();
    }

    /** The routing configuration in force. */
    public RouterSettings settings() {
        return snapshot.get().settings();
    }

    @Override
    public Future<?> start() {
        builder = new SnapshotBuilder(vertx, plugins, environment);
        return builder.build(initialRevision, initialSettings)
                .onSuccess(snapshot::set)
                .compose(built -> vertx.eventBus().<ConfigChanged>localConsumer(Addresses.CONFIG_CHANGED,
                        this::applyConfig).completion())
                .compose(v -> vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING,
                        update -> learned.accumulateAndGet(comparable(update.body()),
                                (mine, theirs) -> theirs.version() >= mine.version() ? theirs : mine)).completion())
                .compose(v -> vertx.eventBus().<OutcomeEvent>localConsumer(Addresses.FEEDBACK_OUTCOME,
                        outcome -> observations.recordOutcome(outcome.body())).completion())
                .compose(v -> vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, this::route)
                        .completion());
    }

    /**
     * The learned state with only the exemplars and fitted models of this router's embedding model: vectors of
     * another model (before a model change, or from an instance configured differently) cannot be compared with this
     * one's prompts.
     */
    private LearnedState comparable(LearnedState state) {
        String modelId = snapshot.get().modelId();
        if (modelId == null) {
            return state;
        }
        boolean foreignExemplars = state.exemplars().stream().anyMatch(e -> !modelId.equals(e.embeddingModel()));
        if (!foreignExemplars && state.models().values().stream().noneMatch(m -> isForeign(m, modelId))) {
            return state;
        }
        Map<String, Object> models = new HashMap<>(state.models());
        models.values().removeIf(m -> isForeign(m, modelId));
        if (!foreignExemplars) {
            return new LearnedState(state.version(), state.byScope(), state.exemplars(), models, state.clusters());
        }
        // Other positions: the clusters no longer fit, and the search compares with every exemplar left.
        return new LearnedState(state.version(), state.byScope(), state.exemplars().stream()
                .filter(e -> modelId.equals(e.embeddingModel())).toList(), models);
    }

    private static boolean isForeign(Object model, String modelId) {
        return model instanceof EmbeddingBound bound && bound.embeddingModel() != null
                && !modelId.equals(bound.embeddingModel());
    }

    private void applyConfig(Message<ConfigChanged> message) {
        ConfigChanged changed = message.body();
        builder.build(changed.revision(), RouterSettings.of(changed.config())).onComplete(built -> {
            if (built.succeeded()) {
                snapshot.set(built.result());
                LOGGER.atInfo().setMessage("config_applied").addKeyValue("component", "router")
                        .addKeyValue("revision", changed.revision()).log();
            } else {
                LOGGER.atWarn().setMessage("config_not_applied").addKeyValue("component", "router")
                        .addKeyValue("revision", changed.revision())
                        .addKeyValue("error", built.cause().getMessage()).log();
            }
        });
    }

    private void route(Message<RouteRequest> message) {
        long began = System.nanoTime();
        RoutingSnapshot current = snapshot.get();
        RouteRequest request = message.body();
        RoutingTrace trace = RoutingTrace.start(openTelemetry, request);
        trace.within(() -> route(message, current, request, trace, began));
    }

    private void route(Message<RouteRequest> message, RoutingSnapshot current, RouteRequest request,
            RoutingTrace trace, long began) {
        String requested = request.requestedModel();
        // An auto name routes over every decision, even when a decision has the same name (the homelab's MoM);
        // any other decision name asks for that decision.
        boolean auto = current.isAutoName(requested);
        Optional<DecisionDefinition> named = auto ? Optional.empty() : current.decision(requested);
        if (!auto && named.isEmpty()) {
            Optional<ModelDefinition> concrete = current.model(requested);
            if (concrete.isEmpty()) {
                trace.refused("unknown model");
                message.fail(FailureCode.INVALID_ARGUMENT.code(), "model '" + requested + "' is not available; "
                        + "use one of " + current.modelNames() + " or an automatic name "
                        + current.settings().autoModelNames());
                return;
            }
            RouteDecision passThrough = decision(current, request, concrete.get(), null, null, 1.0, List.of(),
                    ReasonCode.CONCRETE_MODEL, began);
            trace.routed(passThrough);
            answer(message, passThrough);
            if (!request.dryRun()) {
                // Not needed to route, but feedback on an explicitly chosen model teaches the learners too: the
                // prompt is embedded after the answer, so the request does not wait for it.
                promptVector(current, request).onComplete(embedded -> {
                    EmbedReply reply = embedded.succeeded() ? embedded.result() : null;
                    float[] vector = reply == null ? null : reply.vectors().get(0);
                    record(current, request, passThrough, reply,
                            () -> current.prior(vector, new AnchorSimilarities()), SignalResults.NONE);
                });
            }
            return;
        }
        // The prompt's embedding (embedder) and language (worker) are computed at the same time.
        Future<PromptVectors> vector = embedPrompt(current, request);
        Future<LanguageRules.Detected> language = current.signals().languageRules()
                .filter(rules -> !request.userMessage().isBlank())
                .map(rules -> vertx.executeBlocking(() -> rules.detect(request.userMessage()), false))
                .orElse(Future.succeededFuture(null))
                .onFailure(e -> LOGGER.atWarn().setMessage("language_detection_failed")
                        .addKeyValue("request_id", request.requestId()).addKeyValue("error", e.toString()).log());
        Future.join(vector, language).onComplete(done -> {
            float[] promptVector = vectorOf(vector);
            // The cards' prior scans every capability anchor: once per request, for the selection and the record,
            // and the selection reads the anchors' cosines it computed.
            AnchorSimilarities anchorSimilarities = new AnchorSimilarities();
            Supplier<Map<String, Double>> prior = once(() -> current.prior(promptVector, anchorSimilarities));
            RouteDecision decision;
            SignalResults signals = SignalResults.NONE;
            boolean unsupported = vector.succeeded()
                    && vector.result().coverage() == LanguageCoverage.Coverage.UNSUPPORTED;
            try {
                signals = signals(current, request, promptVector, earlierTurnVectors(vector),
                        language.succeeded() ? language.result() : null, trace);
                decision = decide(current, request, named, promptVector, prior, anchorSimilarities, vector.failed(),
                        unsupported, signals, trace, began);
            } catch (RuntimeException e) {
                LOGGER.atWarn().setMessage("routing_failed").addKeyValue("request_id", request.requestId())
                        .addKeyValue("error", e.toString()).log();
                decision = decision(current, request, current.defaultModel(), null, null, 0, List.of(),
                        ReasonCode.ROUTER_ERROR, began);
            }
            trace.routed(decision);
            RouteDecision routed = decision;
            SignalResults matched = signals;
            PromptVectors embedded = vector.succeeded() ? vector.result() : PromptVectors.NONE;
            trace.within(() -> reply(current, message, routed, embedded.usable(), embedded.ownVector(), prior,
                    matched));
        });
    }

    /** The prompt's embedding; null when routing does not use it, or when it comes from another model. */
    private Future<EmbedReply> promptVector(RoutingSnapshot current, RouteRequest request) {
        if (!current.needsPromptEmbedding() || request.userMessage().isBlank()) {
            return Future.succeededFuture(null);
        }
        // With a rule that scores the earlier user turns, they are embedded in the same call (mostly cache hits:
        // each was the prompt of an earlier request).
        List<String> texts = new ArrayList<>(List.of(request.userMessage()));
        if (current.signals().embedsEarlierTurns()) {
            request.earlierTurns().stream().filter(turn -> !turn.isBlank()).forEach(texts::add);
        }
        return vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED, new EmbedRequest(texts),
                        new DeliveryOptions().setSendTimeout(EMBEDDING_TIMEOUT_MS))
                .map(reply -> current.modelId() == null || reply.body().modelId().equals(current.modelId())
                        ? reply.body() : null);
    }

    /** {@code compute} run at most once, on first use. */
    private static <T> Supplier<T> once(Supplier<T> compute) {
        return new Supplier<>() {
            private T value;
            private boolean computed;

            @Override
            public T get() {
                if (!computed) {
                    value = compute.get();
                    computed = true;
                }
                return value;
            }
        };
    }

    /**
     * The embedder's reply for the prompt (and the earlier turns it asked for), and how far the model covers the
     * prompt's language: when it does not, the reply's first vector is that of the prompt's Latin-script words, or
     * there is none ({@link LanguageCoverage}).
     */
    private record PromptVectors(EmbedReply reply, LanguageCoverage.Coverage coverage) {

        static final PromptVectors NONE = new PromptVectors(null, LanguageCoverage.Coverage.COVERED);

        /** The reply whose first vector routing used; null without one. */
        EmbedReply usable() {
            return reply == null || coverage == LanguageCoverage.Coverage.UNSUPPORTED ? null : reply;
        }

        /** The reply when its first vector is the whole prompt's (what the response cache may compare). */
        EmbedReply ownVector() {
            return coverage == LanguageCoverage.Coverage.COVERED ? reply : null;
        }
    }

    /** The prompt's vectors, falling back to its Latin-script words when the model does not cover its language. */
    private Future<PromptVectors> embedPrompt(RoutingSnapshot current, RouteRequest request) {
        return promptVector(current, request).compose(reply -> {
            if (reply == null || LanguageCoverage.covered(reply, request.userMessage())) {
                return Future.succeededFuture(new PromptVectors(reply, LanguageCoverage.Coverage.COVERED));
            }
            Optional<String> residue = LanguageCoverage.readableResidue(request.userMessage());
            if (residue.isEmpty()) {
                return Future.succeededFuture(new PromptVectors(reply, LanguageCoverage.Coverage.UNSUPPORTED));
            }
            return vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED, EmbedRequest.of(residue.get()),
                            new DeliveryOptions().setSendTimeout(EMBEDDING_TIMEOUT_MS))
                    .map(words -> {
                        List<float[]> vectors = new ArrayList<>(reply.vectors());
                        vectors.set(0, words.body().vectors().get(0));
                        return new PromptVectors(new EmbedReply(reply.modelId(), reply.dimension(), vectors),
                                LanguageCoverage.Coverage.LATIN_RESIDUE);
                    });
        });
    }

    /** The earlier user turns' vectors, when the embedding call asked for them (after the prompt's). */
    private static List<float[]> earlierTurnVectors(Future<PromptVectors> embedding) {
        EmbedReply reply = embedding.succeeded() ? embedding.result().reply() : null;
        return reply == null ? List.of() : reply.vectors().subList(1, reply.vectors().size());
    }

    private static float[] vectorOf(Future<PromptVectors> embedding) {
        EmbedReply usable = embedding.succeeded() ? embedding.result().usable() : null;
        return usable == null ? null : usable.vectors().get(0);
    }

    /** Every signal rule's result for the request, with what domain feedback taught of this router's model. */
    private SignalResults signals(RoutingSnapshot current, RouteRequest request, float[] promptVector,
            List<float[]> earlierTurns, LanguageRules.Detected language, RoutingTrace trace) {
        Span signalsStep = trace.step(TraceNames.SIGNALS);
        SignalResults signals = current.signals().evaluate(request, promptVector, earlierTurns, language,
                learned.get().model(LearnedDomains.KEY, LearnedDomains.class)
                        .map(domains -> domains.of(current.modelId())).orElse(Map.of()));
        RoutingTrace.signals(signalsStep, signals, promptVector != null, language == null ? null : language.isoCode());
        return signals;
    }

    private RouteDecision decide(RoutingSnapshot current, RouteRequest request,
            Optional<DecisionDefinition> named, float[] promptVector, Supplier<Map<String, Double>> prior,
            AnchorSimilarities anchorSimilarities, boolean embeddingFailed, boolean languageUnsupported,
            SignalResults signals, RoutingTrace trace, long began) {
        Optional<DecisionDefinition> matched = named;
        if (named.isEmpty()) {
            Span decisionStep = trace.step(TraceNames.DECISION_MATCH);
            Optional<DecisionEngine.Match> match = DecisionEngine.choose(current.settings().routing().decisions(),
                    current.settings().routing().strategy(), signals);
            RoutingTrace.decision(decisionStep, current.settings().routing().strategy(), match.orElse(null));
            matched = match.map(DecisionEngine.Match::decision);
        }
        if (matched.isEmpty()) {
            return decision(current, request, current.defaultModel(), null, null, 0, List.of(),
                    embeddingFailed ? ReasonCode.EMBEDDING_UNAVAILABLE
                            : languageUnsupported ? ReasonCode.LANGUAGE_UNSUPPORTED : ReasonCode.DEFAULT_NO_MATCH,
                    began);
        }
        DecisionDefinition chosen = matched.get();
        if (chosen.fastResponse().isPresent()) {
            return decision(current, request, current.defaultModel(), chosen.name(), null, 1, List.of(),
                    ReasonCode.FAST_RESPONSE, began);
        }
        if (languageUnsupported && current.selectors().get(chosen.name()).usesPromptEmbedding()) {
            // The decision's algorithm weighs the prompt's meaning, and nothing of the prompt is in a language the
            // model covers: the model the config names for when routing cannot decide, not a guess from noise.
            return decision(current, request, current.defaultModel(), chosen.name(), chosen.algorithm().type(), 0,
                    List.of(), ReasonCode.LANGUAGE_UNSUPPORTED, began);
        }
        List<Candidate> candidates = current.candidates().get(chosen.name());
        Span selectionStep = trace.step(TraceNames.SELECTION);
        try {
            Selection selection = current.selectors().get(chosen.name())
                    .select(new SelectionInput(chosen.name(), candidates, promptVector, request,
                            observations.snapshot(request.sessionId()), learned.get(), prior.get(), null,
                            anchorSimilarities));
            RoutingTrace.selection(selectionStep, chosen.algorithm().type(), candidates.size(), selection);
            RouteDecision routed = decision(current, request, current.model(selection.model()).orElseThrow(),
                    chosen.name(), chosen.algorithm().type(), selection.confidence(), selection.scores(),
                    selection.explored() ? ReasonCode.EXPLORATION : ReasonCode.AUTO_ROUTING, began);
            return selection.escalation() == null ? routed : withEscalation(routed, selection.escalation());
        } catch (SelectionUnavailableException e) {
            RoutingTrace.selection(selectionStep, chosen.algorithm().type(), candidates.size(), null);
            return decision(current, request, candidates.get(0).definition(), chosen.name(), chosen.algorithm().type(),
                    0, List.of(), embeddingFailed ? ReasonCode.EMBEDDING_UNAVAILABLE : ReasonCode.SELECTOR_FALLBACK,
                    began);
        }
    }


    private RouteDecision decision(RoutingSnapshot current, RouteRequest request, ModelDefinition model,
            String decision, String algorithm, double confidence, List<CandidateScore> scores, ReasonCode reason,
            long began) {
        return new RouteDecision(request.requestId(), request.requestedModel(), model.name(), model.providerModelId(),
                Backends.choose(model, environment.random()).name(), decision, algorithm, confidence, scores, reason,
                (System.nanoTime() - began) / 1_000, current.revision());
    }

    private static RouteDecision withEscalation(RouteDecision d, Escalation escalation) {
        return new RouteDecision(d.requestId(), d.requestedModel(), d.selectedModel(), d.providerModelId(),
                d.backend(), d.decision(), d.algorithm(), d.confidence(), d.candidates(), d.reason(),
                d.routingMicros(), d.configRevision(), escalation);
    }

    /**
     * @param embedding      the reply whose first vector routing used, recorded for learning; null without one
     * @param cacheEmbedding the reply when its first vector is the whole prompt's, which the response cache may
     *                       compare by meaning; null otherwise (a Latin-word residue stands for many prompts)
     */
    private void reply(RoutingSnapshot current, Message<RouteRequest> message, RouteDecision decision,
            EmbedReply embedding, EmbedReply cacheEmbedding, Supplier<Map<String, Double>> prior,
            SignalResults signals) {
        if (message.body().tooLate()) {
            // The proxy has served the request without this decision and recorded what served it; a second record
            // would join feedback to a model that did not answer.
            LOGGER.atInfo().setMessage("routing_too_late").addKeyValue("request_id", decision.requestId())
                    .addKeyValue("routing_latency_ms", Math.round(decision.routingMicros() / 100.0) / 10.0).log();
            metrics.recordTooLate();
            return;
        }
        // Recorded before the answer: feedback on the request can only follow the answer, and this way it always
        // finds the decision in the feedback verticle's index (both queue on its event loop in this order).
        record(current, message.body(), decision, embedding, prior, signals);
        answer(message, withCacheEmbedding(current, decision, cacheEmbedding));
    }

    /** The decision with the prompt's embedding when its decision's response cache looks prompts up by meaning. */
    private static RouteDecision withCacheEmbedding(RoutingSnapshot current, RouteDecision decision,
            EmbedReply embedding) {
        if (embedding == null || decision.decision() == null
                || !current.decision(decision.decision()).filter(RoutingSnapshot::cachesByMeaning).isPresent()) {
            return decision;
        }
        return decision.withPromptEmbedding(new PromptEmbedding(embedding.modelId(), embedding.vectors().get(0)));
    }

    private void answer(Message<RouteRequest> message, RouteDecision decision) {
        metrics.record(decision);
        RouteRequest request = message.body();
        observations.recordTurn(request.sessionId(), decision.selectedModel(), environment.clock().instant());
        // A fast response calls no model, so nothing will report an outcome for it.
        if (!request.dryRun() && decision.reason() != ReasonCode.FAST_RESPONSE) {
            observations.recordInFlight(request.requestId(), decision.selectedModel(), environment.clock().instant());
        }
        LOGGER.atInfo().setMessage("routing_decision")
                .addKeyValue("request_id", decision.requestId())
                .addKeyValue("original_model", decision.requestedModel())
                .addKeyValue("selected_model", decision.selectedModel())
                .addKeyValue("decision", decision.decision())
                .addKeyValue("algorithm", decision.algorithm())
                .addKeyValue("reason_code", decision.reason().code())
                .addKeyValue("confidence", Math.round(decision.confidence() * 1000) / 1000.0)
                .addKeyValue("routing_latency_ms", Math.round(decision.routingMicros() / 100.0) / 10.0)
                .addKeyValue("component", request.ingress()).log();
        message.reply(decision);
    }

    /**
     * For the event log and learning: feedback on this request is joined to the decision, its vector and the cards'
     * prior for it (which the learners start from).
     */
    private void record(RoutingSnapshot current, RouteRequest request, RouteDecision decision, EmbedReply embedding,
            Supplier<Map<String, Double>> prior, SignalResults signals) {
        if (!request.dryRun()) {
            float[] vector = embedding == null ? null : embedding.vectors().get(0);
            vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, new DecisionRecord(decision, request.userMessage(),
                    embedding == null ? null : embedding.modelId(), vector, request.sessionId(), request.userId(),
                    environment.clock().millis(), prior.get(), signals.matched()));
        }
    }
}
