package dev.switchboard.feedback.learning;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Start-up's wait for learning to catch up, so that an instance is ready only when it routes on everything learned
 * from the events that were in Kafka when it started, not on part of a replay. Three steps, each read from Kafka:
 * the learning group has committed past every input partition's end at start; the fold has committed past the end
 * of its input topic; this instance's replica has read the learned-state topic past its end after the fold's next
 * publication.
 */
public final class LearningCatchUp {

    private static final long POLL_MS = 100;

    private final String bootstrapServers;
    private final String applicationId;
    private final List<String> inputs;
    private final String learnedState;
    private final LongSupplier replicaNextOffset;
    private final Duration publicationDelay;

    /**
     * @param publicationDelay the longest a folded event waits to be published (publish interval plus a commit)
     */
    public LearningCatchUp(String bootstrapServers, String applicationId, List<String> inputs, String learnedState,
            LongSupplier replicaNextOffset, Duration publicationDelay) {
        this.bootstrapServers = bootstrapServers;
        this.applicationId = applicationId;
        this.inputs = inputs;
        this.learnedState = learnedState;
        this.replicaNextOffset = replicaNextOffset;
        this.publicationDelay = publicationDelay;
    }

    /** Blocks until caught up or {@code timeout}; true when caught up. */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, timeout.toMillis())))) {
            Map<TopicPartition, Long> inputEnds = ends(admin, inputs, IsolationLevel.READ_UNCOMMITTED);
            String foldInput = LearningTopology.foldInputTopic(applicationId);
            while (!committedPast(admin, inputEnds, 0)) {
                if (!waitABit(deadline)) {
                    return false;
                }
            }
            // The fold's input is written in transactions: its end is one commit marker past its last record.
            while (!foldCommittedPast(admin, foldInput)) {
                if (!waitABit(deadline)) {
                    return false;
                }
            }
            TimeUnit.MILLISECONDS.sleep(publicationDelay.toMillis());
            long learnedEnd = ends(admin, List.of(learnedState), IsolationLevel.READ_COMMITTED).values().stream()
                    .mapToLong(Long::longValue).sum();
            while (replicaNextOffset.getAsLong() < learnedEnd - 1) {
                if (!waitABit(deadline)) {
                    return false;
                }
            }
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException kafkaAway) {
            return false;
        }
    }

    private static boolean waitABit(long deadline) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            return false;
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MS);
        return true;
    }

    /** False also while the topology has not created its fold-input topic yet. */
    private boolean foldCommittedPast(Admin admin, String foldInput)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> ends;
        try {
            ends = ends(admin, List.of(foldInput), IsolationLevel.READ_COMMITTED);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
        return committedPast(admin, ends, 1);
    }

    private boolean committedPast(Admin admin, Map<TopicPartition, Long> ends, long markers)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            long position = at == null ? 0 : at.offset();
            if (end.getValue() > 0 && position < end.getValue() - markers) {
                return false;
            }
        }
        return true;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics, IsolationLevel isolation)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                        OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
