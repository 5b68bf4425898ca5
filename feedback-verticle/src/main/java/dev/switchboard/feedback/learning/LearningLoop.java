package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.config.KafkaConfig;
import dev.switchboard.feedback.events.EventFields;
import dev.switchboard.feedback.events.EventJson;
import dev.switchboard.feedback.kafka.TopicPartitions;
import dev.switchboard.feedback.kafka.Topics;
import dev.switchboard.selection.learning.Learner;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning loop, on its own thread: resumes from the newest snapshot in the learned-state topic, then reads the
 * decisions, outcomes and feedback topics from the snapshot's offsets (every instance reads every partition; no
 * consumer group), applies each event to the {@link LearningState}, publishes the new {@link LearnedState} to the
 * routers at most every {@code publishEvery}, and writes a snapshot every {@code snapshotEvery}. Kafka being away
 * only pauses it: the consumer retries, routing goes on with the last state.
 *
 * <p>A snapshot is a {@code state} record (counters, the offsets it covers, the number of exemplar chunks) written
 * after its {@code exemplars/N} chunk records, all with the same {@code snapshot_id}; the topic is compacted, so the
 * newest of each key survives. Decisions are re-read from up to {@code decisionIndexCapacity} records before the
 * snapshot so that feedback on recent requests can still be joined after a restart.
 */
public final class LearningLoop implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(LearningLoop.class);
    static final String STATE_KEY = "state";
    static final String CHUNK_KEY_PREFIX = "exemplars/";
    // Fields of the learned-state records (docs/events.md).
    private static final String SNAPSHOT_ID = "snapshot_id";
    private static final String VERSION = "version";
    private static final String WRITTEN_BY = "written_by";
    private static final String OFFSETS = "offsets";
    private static final String EXEMPLAR_CHUNKS = "exemplar_chunks";
    private static final String EXEMPLARS = "exemplars";
    private static final String INDEX = "index";
    private static final String COUNTERS = "counters";
    private static final String LEARNERS = "learners";
    private static final String DOMAIN_EXAMPLES = "domain_examples";
    private static final int EXEMPLARS_PER_CHUNK = 1_000;
    /** A fetch waits for this much (a few hundred events) ... */
    static final int FETCH_MIN_BYTES = 64 * 1024;
    /** ... or this long, whichever comes first. */
    static final int FETCH_MAX_WAIT_MS = 100;

    private final String bootstrapServers;
    private final KafkaConfig.KafkaTopics topics;
    private final LearningState state;
    private final Consumer<LearnedState> publish;
    private final Duration publishEvery;
    private final Duration snapshotEvery;
    private final int decisionIndexCapacity;
    private final String instance;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** The input offsets that were the end when the loop started: reaching them all is "caught up". */
    private Map<TopicPartition, Long> catchUpTarget;
    private final CompletableFuture<LearnedState> caughtUp = new CompletableFuture<>();
    /** Learners to swap in (their settings changed in a reload), taken by the loop's thread. */
    private final AtomicReference<Map<String, Learner>> replacedLearners = new AtomicReference<>();

    public LearningLoop(String bootstrapServers, KafkaConfig.KafkaTopics topics, LearningState state,
            Consumer<LearnedState> publish, Duration publishEvery, Duration snapshotEvery, int decisionIndexCapacity,
            String instance) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.state = state;
        this.publish = publish;
        this.publishEvery = publishEvery;
        this.snapshotEvery = snapshotEvery;
        this.decisionIndexCapacity = decisionIndexCapacity;
        this.instance = instance;
        this.thread = new Thread(this::run, "switchboard-learning");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Completes, with the state then published, once the snapshot is restored and every event that was in the input
     * topics when the loop started has been applied: from then on the routers route with what this instance has
     * learned so far, not with part of it.
     */
    public CompletionStage<LearnedState> caughtUp() {
        return caughtUp;
    }

    private void run() {
        boolean restored = false;
        long snapshotVersion = -1;
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                    new StringDeserializer());
                    KafkaProducer<String, String> snapshots = new KafkaProducer<>(producerProps(),
                            new StringSerializer(), new StringSerializer())) {
                consumer = kafka;
                Map<String, Long> resumeAt;
                if (restored) {
                    // After a failure: carry on from what was read, not from the (older) snapshot.
                    resumeAt = new HashMap<>();
                    positions.forEach((p, offset) -> resumeAt.put(p.topic() + "/" + p.partition(), offset));
                } else {
                    resumeAt = restore(kafka);
                    restored = true;
                    snapshotVersion = state.version();
                    publish.accept(state.snapshot());
                }
                Map<TopicPartition, Long> end = assignInputs(kafka, resumeAt);
                if (catchUpTarget == null) {
                    catchUpTarget = end;
                }
                snapshotVersion = follow(kafka, snapshots, snapshotVersion);
                if (state.version() != snapshotVersion) {
                    writeSnapshot(snapshots);
                }
                return;
            } catch (WakeupException stopping) {
                return; // close() woke the consumer up
            } catch (RuntimeException e) {
                // Kafka went away in a call that gives up (end offsets, positions): start over in a moment.
                LOGGER.atWarn().setMessage("learning_loop_restarting").addKeyValue("error", e.toString()).log();
                TopicPartitions.sleepQuietly(2_000);
            }
        }
    }

    /** Applies records until closed, publishing and snapshotting as configured; returns the last snapshot version. */
    private long follow(KafkaConsumer<String, String> kafka, KafkaProducer<String, String> snapshots,
            long snapshotVersion) {
        long lastPublish = System.nanoTime();
        long lastSnapshot = System.nanoTime();
        long publishedVersion = state.version();
        long written = snapshotVersion;
        while (running) {
            Map<String, Learner> replaced = replacedLearners.getAndSet(null);
            if (replaced != null) {
                replaced.forEach(state::replaceLearner);
            }
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                apply(record);
                positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            long now = System.nanoTime();
            if (!caughtUp.isDone() && reached(kafka, catchUpTarget)) {
                LearnedState learned = state.snapshot();
                publish.accept(learned);
                publishedVersion = state.version();
                lastPublish = now;
                LOGGER.atInfo().setMessage("learning_caught_up").addKeyValue("version", state.version()).log();
                caughtUp.complete(learned);
            }
            if (state.version() != publishedVersion && now - lastPublish >= publishEvery.toNanos()) {
                publish.accept(state.snapshot());
                publishedVersion = state.version();
                lastPublish = now;
            }
            if (state.version() != written && now - lastSnapshot >= snapshotEvery.toNanos()) {
                writeSnapshot(snapshots);
                written = state.version();
                lastSnapshot = now;
            }
        }
        return written;
    }

    /**
     * Swaps in new learners (after a reload changed an algorithm's settings); the loop's thread teaches them the
     * remembered exemplars before the next events.
     */
    public void replaceLearners(Map<String, Learner> learners) {
        if (!learners.isEmpty()) {
            replacedLearners.set(Map.copyOf(learners));
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        try {
            state.apply(new JsonObject(record.value()));
        } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException bad) {
            // Someone else's record on our topic, or a broken one: skipped, never fatal.
            LOGGER.atWarn().setMessage("learning_event_skipped").addKeyValue("topic", record.topic())
                    .addKeyValue("offset", record.offset()).addKeyValue("error", bad.toString()).log();
        }
    }

    /** Loads the newest complete snapshot; returns the input offsets it covers (empty: from the beginning). */
    private Map<String, Long> restore(KafkaConsumer<String, String> kafka) {
        List<TopicPartition> partitions = TopicPartitions.await(kafka, topics.learnedState(), () -> running);
        Map<Object, JsonObject> latest = new HashMap<>();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        while (running && partitions.stream().anyMatch(p -> kafka.position(p) < end.get(p))) {
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                try {
                    latest.put(record.key(), new JsonObject(record.value()));
                } catch (DecodeException bad) {
                    LOGGER.atWarn().setMessage("learned_state_record_skipped").addKeyValue("key", record.key()).log();
                }
            }
        }
        JsonObject head = latest.get(STATE_KEY);
        if (head == null) {
            LOGGER.atInfo().setMessage("learning_started").addKeyValue("from", "beginning").log();
            return Map.of();
        }
        List<JsonObject> exemplars = new ArrayList<>();
        String snapshotId = head.getString(SNAPSHOT_ID);
        for (int i = 0; i < head.getInteger(EXEMPLAR_CHUNKS, 0); i++) {
            JsonObject chunk = latest.get(CHUNK_KEY_PREFIX + i);
            if (chunk == null || !snapshotId.equals(chunk.getString(SNAPSHOT_ID))) {
                LOGGER.atWarn().setMessage("learned_state_exemplars_incomplete").log();
                exemplars.clear();
                break;
            }
            chunk.getJsonArray(EXEMPLARS).forEach(e -> exemplars.add((JsonObject) e));
        }
        state.restore(head.getLong(VERSION), head.getJsonObject(COUNTERS), exemplars, head.getJsonObject(LEARNERS),
                head.getJsonObject(DOMAIN_EXAMPLES));
        Map<String, Long> offsets = new HashMap<>();
        head.getJsonObject(OFFSETS).forEach(entry -> offsets.put(entry.getKey(), ((Number) entry.getValue())
                .longValue()));
        LOGGER.atInfo().setMessage("learning_started").addKeyValue("from", "snapshot")
                .addKeyValue("version", state.version()).addKeyValue("exemplars", exemplars.size()).log();
        return offsets;
    }

    private static boolean reached(KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> partition : target.entrySet()) {
            if (kafka.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Assigns and seeks the input partitions; returns their end offsets now. */
    private Map<TopicPartition, Long> assignInputs(KafkaConsumer<String, String> kafka, Map<String, Long> resumeAt) {
        List<TopicPartition> inputs = new ArrayList<>();
        for (String topic : Topics.inputs(topics)) {
            inputs.addAll(TopicPartitions.await(kafka, topic, () -> running));
        }
        kafka.assign(inputs);
        Map<TopicPartition, Long> end = kafka.endOffsets(inputs);
        for (TopicPartition partition : inputs) {
            long start = resumeAt.getOrDefault(partition.topic() + "/" + partition.partition(), 0L);
            if (partition.topic().equals(topics.decisions())) {
                // Decisions before the snapshot again, for the index (they change no counter).
                start = Math.max(0, Math.min(start, end.get(partition)) - decisionIndexCapacity);
            }
            kafka.seek(partition, start);
        }
        return end;
    }

    private void writeSnapshot(KafkaProducer<String, String> producer) {
        String snapshotId = UUID.randomUUID().toString();
        List<JsonObject> exemplars = state.exemplarsJson();
        int chunks = (exemplars.size() + EXEMPLARS_PER_CHUNK - 1) / EXEMPLARS_PER_CHUNK;
        try {
            for (int i = 0; i < chunks; i++) {
                List<JsonObject> part = exemplars.subList(i * EXEMPLARS_PER_CHUNK,
                        Math.min(exemplars.size(), (i + 1) * EXEMPLARS_PER_CHUNK));
                producer.send(new ProducerRecord<>(topics.learnedState(), CHUNK_KEY_PREFIX + i, new JsonObject()
                        .put(EventFields.SCHEMA_VERSION, EventJson.SCHEMA_VERSION)
                        .put(EventFields.TYPE, EventFields.LEARNED_STATE_EXEMPLARS_EVENT)
                        .put(SNAPSHOT_ID, snapshotId).put(INDEX, i).put(EXEMPLARS, new JsonArray(part))
                        .encode()));
            }
            JsonObject offsets = new JsonObject();
            positions.forEach((p, offset) -> offsets.put(p.topic() + "/" + p.partition(), offset));
            producer.send(new ProducerRecord<>(topics.learnedState(), STATE_KEY, new JsonObject()
                    .put(EventFields.SCHEMA_VERSION, EventJson.SCHEMA_VERSION)
                    .put(EventFields.TYPE, EventFields.LEARNED_STATE_EVENT)
                    .put(SNAPSHOT_ID, snapshotId).put(VERSION, state.version())
                    .put(EventFields.TIMESTAMP, Instant.now().toString()).put(WRITTEN_BY, instance)
                    .put(OFFSETS, offsets).put(EXEMPLAR_CHUNKS, chunks)
                    .put(COUNTERS, state.countersJson()).put(LEARNERS, state.learnersJson())
                    .put(DOMAIN_EXAMPLES, state.domainsJson()).encode()))
                    .get(10, TimeUnit.SECONDS);
            LOGGER.atDebug().setMessage("learned_state_snapshot").addKeyValue("version", state.version()).log();
        } catch (Exception e) {
            LOGGER.atWarn().setMessage("learned_state_snapshot_failed").addKeyValue("error", e.toString()).log();
        }
    }

    private Map<String, Object> consumerProps() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-learning-" + instance,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                // One fetch per batch of events instead of one per event: the broker answers when it has this much or
                // when the wait is over, so feedback reaches the learners at most FETCH_MAX_WAIT_MS later.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
    }

    private Map<String, Object> producerProps() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "switchboard-learned-state-" + instance,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    }

    /** Stops the loop, writing a last snapshot if anything changed; waits up to 15 s. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
            KafkaConsumer<String, String> current = consumer;
            if (thread.isAlive() && current != null) {
                current.wakeup();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
