package dev.switchboard.feedback.kafka;

import dev.switchboard.contracts.config.KafkaConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the four topics where they do not exist yet, and the shared response cache's when it is used. The event
 * topics get {@code global.kafka.partitions} partitions: every event is keyed by its request id, so what must stay in
 * order (a request's decision, then its outcome and feedback) shares a partition, and the learning topology folds
 * them into one ordered stream of its own (docs/events.md). The learned-state topic has one partition, compacted
 * (the newest record of each model entry survives), so that every instance reads the model's changes in the order
 * they were made; the response cache's is compacted and deleted past the longest TTL. On a cluster where the topics
 * are managed elsewhere, nothing is changed; event topics whose partition counts differ are named in a WARN line.
 */
public final class Topics {

    /** -1: the broker's {@code default.replication.factor} (1 on the embedded broker, the cluster's own elsewhere). */
    private static final short BROKER_DEFAULT_REPLICATION = -1;
    /** The broker's default record limit, which the cache's records stay under (see {@code CacheEntryJson}). */
    public static final int CACHE_MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Records of the learned model (a learner's fitted state is one record) and of the learning's own topics. */
    public static final int LEARNED_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    private static final Logger LOGGER = LoggerFactory.getLogger(Topics.class);
    private static final Duration MIN_CACHE_RETENTION = Duration.ofMinutes(1);

    private Topics() {
    }

    /**
     * Blocking; throws when the cluster cannot be reached within {@code timeoutSeconds}.
     *
     * @param partitions     partitions of each event topic it creates
     * @param cacheRetention how long the shared response cache's records are kept; null when the cache is not shared
     *                       (then its topic is not created)
     */
    public static void ensure(String bootstrapServers, KafkaConfig.KafkaTopics topics, int partitions,
            Duration cacheRetention, long timeoutSeconds) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(timeoutSeconds),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(timeoutSeconds)))) {
            var existing = admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : inputs(topics)) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, BROKER_DEFAULT_REPLICATION));
                }
            }
            if (!existing.contains(topics.learnedState())) {
                missing.add(new NewTopic(topics.learnedState(), 1, BROKER_DEFAULT_REPLICATION).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(LEARNED_MAX_MESSAGE_BYTES))));
            }
            warnOnUnequalPartitions(admin, inputs(topics).stream().filter(existing::contains).toList(), timeoutSeconds);
            if (cacheRetention != null && !existing.contains(topics.responseCache())) {
                missing.add(responseCacheTopic(topics.responseCache(), cacheRetention));
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Topics made elsewhere may have other partition counts: learning is still exact (it orders the events itself),
     * but a request's events then land in partitions that do not correspond, which an operator should know.
     */
    private static void warnOnUnequalPartitions(Admin admin, List<String> names, long timeoutSeconds)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        if (names.isEmpty()) {
            return;
        }
        Map<String, Integer> counts = new TreeMap<>();
        admin.describeTopics(names).allTopicNames().get(timeoutSeconds, TimeUnit.SECONDS)
                .forEach((name, description) -> counts.put(name, description.partitions().size()));
        if (counts.values().stream().distinct().count() > 1) {
            LOGGER.atWarn().setMessage("kafka_topics_unequal_partitions").addKeyValue("partitions", counts.toString())
                    .log();
        }
    }

    /**
     * The shared response cache's topic: compacted (the newest answer per request survives) and deleted past the
     * longest TTL (what no instance may serve any more goes), in segments of at most an hour so that deletion
     * follows expiry closely; records up to {@link #CACHE_MAX_MESSAGE_BYTES}.
     */
    static NewTopic responseCacheTopic(String name, Duration retention) {
        long retentionMs = Math.max(retention.toMillis(), MIN_CACHE_RETENTION.toMillis());
        long segmentMs = Math.min(retentionMs, Duration.ofHours(1).toMillis());
        return new NewTopic(name, 1, BROKER_DEFAULT_REPLICATION).configs(Map.of(
                "cleanup.policy", "compact,delete",
                "retention.ms", String.valueOf(retentionMs),
                "segment.ms", String.valueOf(segmentMs),
                "max.message.bytes", String.valueOf(CACHE_MAX_MESSAGE_BYTES)));
    }

    /** The event topics: decisions, outcomes and feedback (what learning and analytics read). */
    public static List<String> inputs(KafkaConfig.KafkaTopics topics) {
        return List.of(topics.decisions(), topics.outcomes(), topics.feedback());
    }
}
