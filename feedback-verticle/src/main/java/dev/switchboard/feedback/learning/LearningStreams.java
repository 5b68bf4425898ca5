package dev.switchboard.feedback.learning;

import dev.switchboard.feedback.kafka.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the learning topology in this process: one stream thread, exactly-once (v2), in-memory stores restored from
 * their changelogs into a state folder of its own that is deleted on close. Instances with the same application id
 * share the work: Kafka's group protocol gives each its tasks and moves them when one comes or goes.
 */
public final class LearningStreams implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(LearningStreams.class);
    /**
     * Exactly-once commits (a transaction) this often: the lag a record adds before another instance sees it. Twice
     * Kafka Streams' exactly-once default: each commit is a round of transaction markers the embedded broker writes
     * on the router's own cores, and at 100 ms they showed in the soak's routing latency.
     */
    public static final int COMMIT_INTERVAL_MS = 200;
    /** A killed instance's tasks move to the others after this long without a heartbeat. */
    static final int SESSION_TIMEOUT_MS = 10_000;
    /**
     * Bounds on what is buffered, whatever the traffic: records fetched ahead per partition, bytes per fetch and
     * the record cache in front of the store.
     */
    static final int BUFFERED_RECORDS_PER_PARTITION = 200;
    static final int FETCH_MAX_BYTES = 4 * 1024 * 1024;
    static final long CACHE_MAX_BYTES = 2L * 1024 * 1024;
    static final long PRODUCER_BUFFER_BYTES = 16L * 1024 * 1024;

    private final KafkaStreams streams;
    private final Path stateDir;

    /** @param topology the topology, built with the properties it runs with */
    public LearningStreams(Function<Properties, Topology> topology, String bootstrapServers, String applicationId,
            String instance) {
        try {
            stateDir = Files.createTempDirectory("switchboard-learning-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.CLIENT_ID_CONFIG, applicationId + "-" + instance);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_MAX_BYTES);
        props.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, BUFFERED_RECORDS_PER_PARTITION);
        // -1: the broker's default.replication.factor (1 on the embedded broker, the cluster's own elsewhere).
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), Topics.LEARNED_MAX_MESSAGE_BYTES);
        props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        // The topology has no global store; this only opts in to Kafka 5's default (and silences its WARN).
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The partition assignor reads its settings from the main consumer's: the same there.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 5);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), FETCH_MAX_BYTES);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Topics.LEARNED_MAX_MESSAGE_BYTES + 64 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), PRODUCER_BUFFER_BYTES);
        streams = new KafkaStreams(topology.apply(props), props);
        // A failure inside the topology (Kafka away too long, a fenced producer) replaces the thread, which
        // restores its tasks from the changelog and goes on: learning pauses, routing does not.
        streams.setUncaughtExceptionHandler(error -> {
            LOGGER.atWarn().setMessage("learning_thread_replaced").addKeyValue("error", error.toString()).log();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> LOGGER.atInfo().setMessage("learning_streams_state")
                .addKeyValue("state", next.toString()).log());
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(10));
        try (Stream<Path> tree = Files.walk(stateDir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOGGER.atDebug().setMessage("learning_state_dir_not_deleted").addKeyValue("error", e.toString()).log();
        }
    }
}
