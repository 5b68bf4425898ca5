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
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the four topics where they do not exist yet, and the shared response cache's when it is used. One
 * partition each, so that every Switchboard instance reads feedback in the same order and computes the same ratings;
 * the learned-state topic is compacted (one live snapshot per key), the response cache's compacted and deleted past
 * the longest TTL. On a cluster where the topics are managed elsewhere, nothing is changed.
 */
public final class Topics {

    /** -1: the broker's {@code default.replication.factor} (1 on the embedded broker, the cluster's own elsewhere). */
    private static final short BROKER_DEFAULT_REPLICATION = -1;
    /** The broker's default record limit, which the cache's records stay under (see {@code CacheEntryJson}). */
    public static final int CACHE_MAX_MESSAGE_BYTES = 1024 * 1024;
    private static final Duration MIN_CACHE_RETENTION = Duration.ofMinutes(1);

    private Topics() {
    }

    /**
     * Blocking; throws when the cluster cannot be reached within {@code timeoutSeconds}.
     *
     * @param cacheRetention how long the shared response cache's records are kept; null when the cache is not shared
     *                       (then its topic is not created)
     */
    public static void ensure(String bootstrapServers, KafkaConfig.KafkaTopics topics, Duration cacheRetention,
            long timeoutSeconds) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(timeoutSeconds),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(timeoutSeconds)))) {
            var existing = admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : inputs(topics)) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, 1, BROKER_DEFAULT_REPLICATION));
                }
            }
            if (!existing.contains(topics.learnedState())) {
                missing.add(new NewTopic(topics.learnedState(), 1, BROKER_DEFAULT_REPLICATION)
                        .configs(Map.of("cleanup.policy", "compact", "max.message.bytes", "8388608")));
            }
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
