package dev.switchboard.feedback;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CacheLookupResult;
import dev.switchboard.contracts.bus.CacheUse;
import dev.switchboard.contracts.bus.ConfigChanged;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.FeedbackReceipt;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ResponseCacheEntry;
import dev.switchboard.contracts.config.FeedbackSettings;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.feedback.events.CacheEntryJson;
import dev.switchboard.feedback.events.EventJson;
import dev.switchboard.feedback.events.OutcomeCost;
import dev.switchboard.feedback.events.EventTraces;
import dev.switchboard.feedback.kafka.CacheEntryFollower;
import dev.switchboard.feedback.kafka.EmbeddedKafka;
import dev.switchboard.feedback.kafka.EventLog;
import dev.switchboard.feedback.kafka.Topics;
import dev.switchboard.feedback.learning.DecisionIndex;
import dev.switchboard.feedback.kafka.DecisionFollower;
import dev.switchboard.feedback.learning.LearnedReplica;
import dev.switchboard.feedback.learning.Learners;
import dev.switchboard.feedback.learning.LearningCatchUp;
import dev.switchboard.feedback.learning.LearningState;
import dev.switchboard.feedback.learning.LearningStreams;
import dev.switchboard.feedback.learning.LearningTopology;
import dev.switchboard.selection.learning.Learner;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import java.util.concurrent.atomic.AtomicReference;
import dev.switchboard.selection.ModelStrength;
import dev.switchboard.selection.SelectionPlugins;
import dev.switchboard.selection.elo.EloSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the loop: writes every decision ({@code feedback.decision}), outcome ({@code feedback.outcome}) and piece of
 * explicit feedback ({@code feedback.submit}) to Kafka, runs this instance's share of the {@link LearningTopology}
 * (Kafka Streams: the instances with one application id fold the events into one learned model), and follows that
 * model ({@link LearnedReplica}) into the {@code router.learning} state. Without {@code bootstrap_servers} it first
 * starts the {@link EmbeddedKafka} broker. Nothing here can fail a request: writes go through the {@link EventLog}'s
 * buffer, and Kafka being away only delays learning.
 */
public final class FeedbackVerticle extends VerticleBase {

    private static final Logger LOGGER = LoggerFactory.getLogger(FeedbackVerticle.class);
    private static final int DECISION_INDEX_CAPACITY = 100_000;
    /** Under the proxy's 2 s wait for the answer to feedback, so that a late decision still gets a 202 in time. */
    private static final long FEEDBACK_WAIT_MILLIS = 1_500;
    private static final int FEEDBACK_WAITING_CAPACITY = 1_000;
    /** The proxy looks up within milliseconds of the decision; this only bounds a lookup that never comes. */
    private static final long CACHE_LOOKUP_WAIT_MILLIS = 2_000;
    private static final int CACHE_LOOKUP_WAITING_CAPACITY = 10_000;

    private final MeterRegistry registry;
    private final String instance = "sb-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 4);
    private final DecisionIndex decisions = new DecisionIndex(DECISION_INDEX_CAPACITY);
    private final SelectionPlugins plugins = SelectionPlugins.installed();
    /** The learners' settings now: read by the learning thread when its fold task starts. */
    private volatile Learners learners;
    private volatile FeedbackSettings settings;
    private EmbeddedKafka embedded;
    private EventLog log;
    private LearningStreams learning;
    private LearnedReplica replica;
    /** Learners a reload replaced, for the fold to take before its next event. */
    private final AtomicReference<Map<String, Learner>> foldLearnersReplaced = new AtomicReference<>();
    /** Reads the shared response cache's topic, once the proxy asks; null before. */
    private volatile CacheEntryFollower cacheFollower;
    private FeedbackAwaitingDecision awaiting;
    private DecisionsAwaitingCache awaitingCache;
    private FeedbackMetrics metrics;
    /** The pending retry of {@link #ensureTopics}, cancelled on stop so that shutdown never waits for the cluster. */
    private volatile long topicsRetry = -1;
    private volatile boolean stopping;
    private volatile LearnedState lastPublished = LearnedState.EMPTY;
    private final OpenTelemetry openTelemetry;

    /**
     * @param settings the verticle's slice of the configuration
     * @param registry where its meters go; null for none
     */
    public FeedbackVerticle(FeedbackSettings settings, MeterRegistry registry) {
        this(settings, registry, OpenTelemetry.noop());
    }

    /** @param openTelemetry the process's traces (Kafka producer spans); a no-op one when tracing is off */
    public FeedbackVerticle(FeedbackSettings settings, MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.settings = settings;
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        this.openTelemetry = openTelemetry;
    }

    /** {@code host:port} of the Kafka cluster in use (the embedded broker's when there is one). */
    public String bootstrapServers() {
        return embedded != null ? embedded.bootstrapServers() : settings.kafka().bootstrapServers();
    }

    @Override
    public Future<?> start() {
        awaiting = new FeedbackAwaitingDecision(vertx, FEEDBACK_WAIT_MILLIS, FEEDBACK_WAITING_CAPACITY);
        awaitingCache = new DecisionsAwaitingCache(vertx, CACHE_LOOKUP_WAIT_MILLIS, CACHE_LOOKUP_WAITING_CAPACITY);
        metrics = new FeedbackMetrics(registry, settings.providers());
        return vertx.executeBlocking(() -> {
            if (settings.kafka().usesEmbeddedBroker()) {
                embedded = EmbeddedKafka.start(Path.of(settings.kafka().embedded().dataDir()),
                        settings.kafka().embedded().port());
            }
            LOGGER.atInfo().setMessage("kafka_connecting").addKeyValue("bootstrap_servers", bootstrapServers())
                    .addKeyValue("embedded", embedded != null).log();
            log = new EventLog(bootstrapServers(), settings.kafka().bufferMaxEvents(), Duration.ofSeconds(30),
                    registry, openTelemetry);
            learners = Learners.of(plugins, settings.decisions());
            return ensureTopics();
        }).compose(clusterUp -> clusterUp ? startLearning(true) : Future.succeededFuture()).compose(v -> Future.all(List.of(
                vertx.eventBus().<Void>localConsumer(Addresses.LEARNED_STATE_CURRENT,
                        request -> request.reply(lastPublished)).completion(),
                vertx.eventBus().<DecisionRecord>localConsumer(Addresses.FEEDBACK_DECISION, this::onDecision)
                        .completion(),
                vertx.eventBus().<OutcomeEvent>localConsumer(Addresses.FEEDBACK_OUTCOME, this::onOutcome)
                        .completion(),
                vertx.eventBus().<CacheLookupResult>localConsumer(Addresses.FEEDBACK_CACHE_LOOKUP,
                        this::onCacheLookup).completion(),
                vertx.eventBus().<FeedbackSubmission>localConsumer(Addresses.FEEDBACK_SUBMIT, this::onFeedback)
                        .completion(),
                vertx.eventBus().<ConfigChanged>localConsumer(Addresses.CONFIG_CHANGED,
                        changed -> reconfigure(FeedbackSettings.of(changed.body().config()))).completion(),
                sharedCache())));
    }

    /**
     * With {@code backend_type: kafka}: writes the answers the proxy keeps to the response-cache topic, and once the
     * proxy listens, reads the topic and hands it the other instances' answers. Set at start: the store is
     * restart-only.
     */
    private Future<Void> sharedCache() {
        if (!settings.responseCache().shared()) {
            return Future.succeededFuture();
        }
        String topic = settings.kafka().topics().responseCache();
        return Future.all(
                vertx.eventBus().<ResponseCacheEntry>localConsumer(Addresses.CACHE_ENTRY_STORED, message ->
                        CacheEntryJson.encode(message.body(), instance).ifPresentOrElse(
                                value -> log.append(topic, CacheEntryJson.key(message.body()), value),
                                () -> LOGGER.atDebug().setMessage("cache_entry_not_shared")
                                        .addKeyValue("bytes", message.body().body().length).log())).completion(),
                vertx.eventBus().<Void>localConsumer(Addresses.CACHE_REPLICATION_FOLLOW, request -> {
                    if (cacheFollower == null) {
                        cacheFollower = new CacheEntryFollower(bootstrapServers(), topic, instance,
                                entry -> vertx.eventBus().publish(Addresses.CACHE_ENTRY_REPLICATED, entry),
                                System::currentTimeMillis);
                        cacheFollower.start();
                    }
                    request.reply(null);
                }).completion()).mapEmpty();
    }

    /** From the replica's thread: to every router, and kept for those that ask later. */
    private void publishLearned(LearnedState learned) {
        lastPublished = learned;
        metrics.recordLearned(learned); // first, so that what a router acts on is already on the gauges
        vertx.eventBus().publish(Addresses.ROUTER_LEARNING, learned);
    }

    /** A reload: new settings, and new learners for the algorithms whose settings changed. */
    private void reconfigure(FeedbackSettings next) {
        settings = next;
        metrics.configure(next.providers());
        Learners nextLearners = Learners.of(plugins, next.decisions());
        Map<String, Learner> forFold = learners.changedIn(nextLearners, plugins);
        if (!forFold.isEmpty()) {
            foldLearnersReplaced.set(forFold);
            if (replica != null) {
                replica.replaceLearners(learners.changedIn(nextLearners, plugins));
            }
        }
        learners = nextLearners;
    }

    /**
     * Once the topics exist: starts this instance's learning thread, its replica of the learned model and the
     * follower of the decisions topic. At start-up it then waits (bounded) for learning to catch up with the
     * topics, so that a restarted instance is ready only when it routes on everything learned so far, not on the
     * first part of a replay.
     */
    private Future<Void> startLearning(boolean awaitCatchUp) {
        if (stopping || learning != null) {
            return Future.succeededFuture();
        }
        var kafka = settings.kafka();
        var learningSettings = settings.learning();
        learning = new LearningStreams(properties -> LearningTopology.build(kafka.topics(), this::freshFoldState,
                learningSettings.publishInterval(), foldLearnersReplaced, properties), bootstrapServers(),
                kafka.applicationId(), instance);
        replica = new LearnedReplica(bootstrapServers(), kafka.topics().learnedState(), new LearningState(
                new DecisionIndex(1), learningSettings.maxExemplars(), learningSettings.implicitWeight(),
                this::kFactor, learners.create(plugins)), this::publishLearned, learningSettings.publishInterval());
        Future<Void> started = vertx.executeBlocking(() -> {
            learning.start();
            return null;
        }).compose(v -> vertx.deployVerticle(replica, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)))
                .compose(id -> vertx.deployVerticle(new DecisionFollower(bootstrapServers(),
                        kafka.topics().decisions(), decisions, DECISION_INDEX_CAPACITY, kafka.partitions()),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)))
                .mapEmpty();
        if (!awaitCatchUp) {
            return started;
        }
        LearningCatchUp catchUp = new LearningCatchUp(bootstrapServers(), kafka.applicationId(),
                Topics.inputs(kafka.topics()), kafka.topics().learnedState(), replica::nextOffset,
                learningSettings.publishInterval().plusMillis(LearningStreams.COMMIT_INTERVAL_MS * 2L));
        return started.compose(v -> vertx.executeBlocking(() -> {
            long begun = System.nanoTime();
            boolean caughtUp = catchUp.await(learningSettings.catchUpTimeout());
            long waited = (System.nanoTime() - begun) / 1_000_000;
            if (caughtUp) {
                LOGGER.atInfo().setMessage("learning_caught_up").addKeyValue("waited_ms", waited).log();
            } else {
                LOGGER.atWarn().setMessage("learning_catch_up_incomplete").addKeyValue("waited_ms", waited).log();
            }
            return null;
        })).compose(v -> replica.publishNow());
    }

    /** An empty state for the fold, with the learners configured now (its task may start more than once). */
    private LearningState freshFoldState() {
        var learningSettings = settings.learning();
        return new LearningState(decisions, learningSettings.maxExemplars(), learningSettings.implicitWeight(),
                this::kFactor, learners.create(plugins), false);
    }

    /** Creates missing topics; with the cluster away, keeps trying in the background. True if it could. */
    private boolean ensureTopics() {
        if (stopping) {
            return false;
        }
        try {
            Topics.ensure(bootstrapServers(), settings.kafka().topics(), settings.kafka().partitions(),
                    settings.responseCache().shared() ? Duration.ofSeconds(settings.longestCacheTtlSeconds()) : null,
                    10);
            return true;
        } catch (Exception e) {
            LOGGER.atWarn().setMessage("kafka_unavailable").addKeyValue("bootstrap_servers", bootstrapServers())
                    .addKeyValue("error", e.toString()).log();
            topicsRetry = vertx.setTimer(10_000, id -> vertx.executeBlocking(this::ensureTopics, false)
                    .onSuccess(up -> {
                        if (up) {
                            startLearning(false);
                        }
                    }));
            return false;
        }
    }

    private void onDecision(Message<DecisionRecord> message) {
        DecisionRecord record = message.body();
        var d = record.decision();
        decisions.put(d.requestId(), new DecisionIndex.Entry(DecisionIndex.servedModel(d.selectedModel(),
                d.reason().code()), d.decision(),
                d.candidates().stream().map(c -> c.model()).toList(), record.userId(), record.sessionId(),
                record.embeddingModel(), record.promptVector(), record.prior()));
        // A caching decision's event waits for the lookup, to say whether the cache answered; the index does not.
        String traceId = EventTraces.currentTraceId();
        if (!caches(d.decision()) || !awaitingCache.hold(record, held -> writeDecision(held, null, traceId))) {
            writeDecision(record, null, traceId);
        }
        awaiting.release(d.requestId()).forEach(feedback -> take(feedback, false));
    }

    private boolean caches(String decision) {
        return decision != null && settings.responseCache().enabled() && settings.decisions().stream()
                .anyMatch(d -> d.name().equals(decision) && d.responseCache().isPresent());
    }

    private void onCacheLookup(Message<CacheLookupResult> message) {
        DecisionRecord held = awaitingCache.release(message.body().requestId());
        if (held != null) {
            writeDecision(held, message.body().cache(), EventTraces.currentTraceId());
        }
    }

    private void writeDecision(DecisionRecord record, CacheUse cache, String traceId) {
        log.append(settings.kafka().topics().decisions(), record.decision().requestId(), EventTraces.withTraceId(
                EventJson.decision(record, eventId(), instance, settings.kafka().includePrompts(), cache), traceId)
                .encode());
    }

    private void onOutcome(Message<OutcomeEvent> message) {
        OutcomeEvent outcome = message.body();
        OutcomeCost cost = new OutcomePricing(settings.providers(), settings.decisions()).price(outcome);
        metrics.recordOutcome(outcome, cost);
        log.append(settings.kafka().topics().outcomes(), outcome.requestId(), EventTraces.withTraceId(
                EventJson.outcome(outcome, eventId(), instance, System.currentTimeMillis(), cost),
                EventTraces.currentTraceId()).encode());
    }

    private void onFeedback(Message<FeedbackSubmission> message) {
        take(message, true);
    }

    /**
     * Checks feedback against its decision and writes it to Kafka. Feedback whose decision is not known yet waits
     * for it a moment ({@link FeedbackAwaitingDecision}; a decision read from another instance's topic is found
     * when the wait ends) before it is refused.
     */
    private void take(Message<FeedbackSubmission> message, boolean mayWait) {
        FeedbackSubmission feedback = message.body();
        Optional<DecisionIndex.Entry> decision = decisions.get(feedback.requestId());
        if (decision.isEmpty()) {
            if (!mayWait || !awaiting.hold(message, waited -> take(waited, false))) {
                message.fail(FailureCode.NOT_FOUND.code(), "no routing decision is known for request id '"
                        + feedback.requestId() + "'");
            }
            return;
        }
        if (decision.get().model() == null && !FeedbackSubmission.DOMAIN.equals(feedback.type())) {
            message.fail(FailureCode.INVALID_ARGUMENT.code(), "request '" + feedback.requestId() + "' was answered "
                    + "by its decision's fast_response: no model answered, so there is nothing to rate (domain "
                    + "feedback is taken)");
            return;
        }
        List<String> candidates = decision.get().candidates().isEmpty()
                ? List.of(decision.get().model()) : decision.get().candidates();
        Optional<String> invalid = invalid(feedback, candidates);
        if (invalid.isPresent()) {
            message.fail(FailureCode.INVALID_ARGUMENT.code(), invalid.get());
            return;
        }
        String eventId = eventId();
        Map<String, Double> strength = ModelStrength.of(candidates, settings.providers(), settings.cards());
        log.append(settings.kafka().topics().feedback(), feedback.requestId(), EventJson.feedback(feedback, eventId,
                instance, System.currentTimeMillis(), decision.get().model(), decision.get().decision(), strength)
                .encode());
        metrics.recordFeedback(feedback);
        message.reply(new FeedbackReceipt(eventId, feedback.requestId(), decision.get().model(),
                decision.get().decision()));
    }

    /**
     * Why feedback cannot be taken: it names an unknown model, or none of the models it names was a candidate, or a
     * domain the router's classifier does not know.
     */
    private Optional<String> invalid(FeedbackSubmission feedback, List<String> candidates) {
        if (FeedbackSubmission.DOMAIN.equals(feedback.type())) {
            if (settings.domains().isEmpty()) {
                return Optional.of("the config has no domain rules (routing.signals.domains), so there is no domain "
                        + "to learn");
            }
            return settings.domains().contains(feedback.domain()) ? Optional.empty()
                    : Optional.of("'" + feedback.domain() + "' is not a domain of the config; expected one of "
                            + settings.domains());
        }
        List<String> named = switch (feedback.type()) {
            case FeedbackSubmission.PAIRWISE -> List.of(feedback.winner(), feedback.loser());
            case FeedbackSubmission.CORRECTIVE -> List.of(feedback.model());
            default -> List.of();
        };
        for (String model : named) {
            if (settings.providers().model(model).isEmpty()) {
                return Optional.of("'" + model + "' is not a configured model");
            }
        }
        if (!named.isEmpty() && named.stream().noneMatch(candidates::contains)) {
            return Optional.of(named.size() == 1
                    ? "'" + named.get(0) + "' was not a candidate of request '" + feedback.requestId() + "' "
                            + candidates
                    : "neither '" + named.get(0) + "' nor '" + named.get(1) + "' was a candidate of request '"
                            + feedback.requestId() + "'");
        }
        return Optional.empty();
    }

    private double kFactor(String decision) {
        return settings.decisions().stream().filter(d -> d.name().equals(decision)).findFirst()
                .flatMap(d -> d.algorithm().settings(EloSettings.class)).map(EloSettings::kFactor)
                .orElse(EloSettings.DEFAULT_K);
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(topicsRetry);
        if (awaitingCache != null && log != null) {
            awaitingCache.releaseAll().forEach(held -> writeDecision(held, null, null));
        }
        // The replica and the decision follower are this verticle's children: undeployed with it.
        return vertx.executeBlocking(() -> {
            if (learning != null) {
                learning.close();
            }
            if (cacheFollower != null) {
                cacheFollower.close();
            }
            if (log != null) {
                log.close(Duration.ofSeconds(5));
            }
            if (embedded != null) {
                embedded.close();
            }
            return null;
        });
    }
}
