package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code global.kafka}: the event log of decisions, outcomes and feedback.
 *
 * @param bootstrapServers the user's cluster, {@code host:port[,host:port]}; nullable: without it Switchboard starts
 *                         an embedded single-node KRaft broker on 127.0.0.1
 * @param topics           topic names
 * @param embedded         settings of the embedded broker
 * @param includePrompts   write the prompt text into decision events; false by default (a SHA-256 instead)
 * @param bufferMaxEvents  events held while Kafka is unreachable; beyond it the oldest are dropped and counted.
 *                         10,000 by default
 * @param partitions       partitions of the event topics when Switchboard creates them; 6 by default. Events are
 *                         keyed by request id, so a request's decision, outcome and feedback stay in order
 * @param applicationId    the Kafka Streams application id of the learning topology, shared by every instance that
 *                         learns together (its consumer group and the prefix of its internal topics);
 *                         {@code switchboard-learning} by default
 */
public record KafkaConfig(
        @JsonProperty("bootstrap_servers") String bootstrapServers,
        KafkaTopics topics,
        EmbeddedKafkaConfig embedded,
        @JsonProperty("include_prompts") Boolean includePrompts,
        @JsonProperty("buffer_max_events") Integer bufferMaxEvents,
        Integer partitions,
        @JsonProperty("application_id") String applicationId) {

    public static final int DEFAULT_PARTITIONS = 6;
    public static final String DEFAULT_APPLICATION_ID = "switchboard-learning";

    public KafkaConfig {
        topics = topics == null ? new KafkaTopics(null, null, null, null, null) : topics;
        embedded = embedded == null ? new EmbeddedKafkaConfig(null, null) : embedded;
        includePrompts = includePrompts != null && includePrompts;
        bufferMaxEvents = bufferMaxEvents == null ? 10_000 : bufferMaxEvents;
        partitions = partitions == null ? DEFAULT_PARTITIONS : partitions;
        applicationId = applicationId == null ? DEFAULT_APPLICATION_ID : applicationId;
    }

    /** With the default partitions and application id. */
    public KafkaConfig(String bootstrapServers, KafkaTopics topics, EmbeddedKafkaConfig embedded,
            Boolean includePrompts, Integer bufferMaxEvents) {
        this(bootstrapServers, topics, embedded, includePrompts, bufferMaxEvents, null, null);
    }

    static KafkaConfig defaults() {
        return new KafkaConfig(null, null, null, null, null);
    }

    /** True when no cluster is configured and the embedded broker is used. */
    public boolean usesEmbeddedBroker() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    /**
     * {@code global.kafka.topics}.
     *
     * @param decisions    every routing decision; {@code switchboard.decisions} by default
     * @param outcomes     response outcomes; {@code switchboard.outcomes} by default
     * @param feedback     explicit feedback; {@code switchboard.feedback} by default
     * @param learnedState compacted learned-state snapshots; {@code switchboard.learned-state} by default
     * @param responseCache the shared response cache's answers (compacted), used only with
     *                      {@code global.stores.response_cache.backend_type: kafka};
     *                      {@code switchboard.response-cache} by default
     */
    public record KafkaTopics(
            String decisions,
            String outcomes,
            String feedback,
            @JsonProperty("learned_state") String learnedState,
            @JsonProperty("response_cache") String responseCache) {
        public KafkaTopics {
            decisions = decisions == null ? "switchboard.decisions" : decisions;
            outcomes = outcomes == null ? "switchboard.outcomes" : outcomes;
            feedback = feedback == null ? "switchboard.feedback" : feedback;
            learnedState = learnedState == null ? "switchboard.learned-state" : learnedState;
            responseCache = responseCache == null ? "switchboard.response-cache" : responseCache;
        }
    }

    /**
     * {@code global.kafka.embedded}.
     *
     * @param dataDir folder of the embedded broker's log; {@code data/kafka} by default
     * @param port    its client port on 127.0.0.1; 0 (default) picks a free one, written to {@code broker.json}
     */
    public record EmbeddedKafkaConfig(@JsonProperty("data_dir") String dataDir, Integer port) {
        public EmbeddedKafkaConfig {
            dataDir = dataDir == null ? "data/kafka" : dataDir;
            port = port == null ? 0 : port;
        }
    }
}
