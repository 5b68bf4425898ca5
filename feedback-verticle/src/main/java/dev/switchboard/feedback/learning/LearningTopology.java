package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.config.KafkaConfig;
import dev.switchboard.feedback.kafka.Topics;
import dev.switchboard.selection.learning.Learner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The learning topology (docs/events.md, "Learning on Kafka Streams"):
 * <pre>
 *   decisions, outcomes, feedback (N partitions, keyed by request id)
 *     → fold-input (repartition topic, one partition: the single order every instance's model follows)
 *     → fold ({@link FoldProcessor}, state store learned-model with its changelog)
 *     → learned-state (compacted, one partition; every instance follows it)
 * </pre>
 * The first step runs as N tasks spread over the instances; the fold as one task, on one of them. A request's
 * events share a partition, so they enter the fold in the order they were written.
 */
public final class LearningTopology {

    /** The repartition topic's name is {@code <application id>-fold-input-repartition}. */
    public static final String FOLD_INPUT = "fold-input";

    private LearningTopology() {
    }

    /** @param streamsProperties what the topology runs with ({@link LearningStreams}), which the builder reads too */
    public static Topology build(KafkaConfig.KafkaTopics topics, Supplier<LearningState> freshState,
            Duration publishInterval, AtomicReference<Map<String, Learner>> replacedLearners,
            Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FoldProcessor.STORE),
                        Serdes.String(), Serdes.String())
                // The cache folds an entry's many changes between two commits into one changelog record.
                .withCachingEnabled()
                .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        String.valueOf(Topics.LEARNED_MAX_MESSAGE_BYTES))));
        builder.stream(Topics.inputs(topics), Consumed.with(Serdes.String(), Serdes.String()).withName("events"))
                .repartition(Repartitioned.<String, String>as(FOLD_INPUT).withNumberOfPartitions(1)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .process(() -> new FoldProcessor(freshState, publishInterval, replacedLearners), Named.as("fold"),
                        FoldProcessor.STORE)
                .to(topics.learnedState(), Produced.with(Serdes.String(), Serdes.String()).withName("learned"));
        return builder.build(streamsProperties);
    }

    /** The fold-input topic of an application id. */
    public static String foldInputTopic(String applicationId) {
        return applicationId + "-" + FOLD_INPUT + "-repartition";
    }
}
