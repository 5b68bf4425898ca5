package dev.switchboard.feedback.kafka;

import dev.switchboard.contracts.config.KafkaConfig;
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
 * Creates the four topics where they do not exist yet. One partition each, so that every Switchboard instance reads
 * feedback in the same order and computes the same ratings; the learned-state topic is compacted (one live snapshot
 * per key). On a cluster where the topics are managed elsewhere, nothing is changed.
 */
public final class Topics {

    /** -1: the broker's {@code default.replication.factor} (1 on the embedded broker, the cluster's own elsewhere). */
    private static final short BROKER_DEFAULT_REPLICATION = -1;

    private Topics() {
    }

    /** Blocking; throws when the cluster cannot be reached within {@code timeoutSeconds}. */
    public static void ensure(String bootstrapServers, KafkaConfig.KafkaTopics topics, long timeoutSeconds)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
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

    /** The event topics: decisions, outcomes and feedback (what learning and analytics read). */
    public static List<String> inputs(KafkaConfig.KafkaTopics topics) {
        return List.of(topics.decisions(), topics.outcomes(), topics.feedback());
    }
}
