package dev.switchboard.feedback.kafka;

import dev.switchboard.feedback.events.EventFields;
import dev.switchboard.feedback.learning.DecisionIndex;
import dev.switchboard.feedback.learning.LearningState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every instance's decisions into this instance's {@link DecisionIndex}, so that feedback on a request another
 * instance routed is checked and taken here too. Starts at the last {@code capacity} decisions (spread over the
 * partitions), so that a restarted instance still knows the requests it answered before. Deploy it as a worker
 * verticle: at start-up it decodes up to {@code capacity} decisions, which should not hold an event loop.
 */
public final class DecisionFollower extends VerticleBase {

    private static final Logger LOGGER = LoggerFactory.getLogger(DecisionFollower.class);

    private final String bootstrapServers;
    private final String topic;
    private final DecisionIndex index;
    private final int capacity;
    private final int partitions;
    private VertxTopicReader reader;

    public DecisionFollower(String bootstrapServers, String topic, DecisionIndex index, int capacity,
            int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.index = index;
        this.capacity = capacity;
        this.partitions = partitions;
    }

    @Override
    public Future<?> start() {
        long perPartition = Math.max(1, capacity / Math.max(1, partitions));
        return VertxTopicReader.open(vertx, bootstrapServers, topic, (partition, end) -> end - perPartition,
                this::put).onSuccess(opened -> reader = opened);
    }

    private void put(KafkaConsumerRecord<String, String> record) {
        if (record.key() != null && index.contains(record.key())) {
            return; // this instance's own decision (indexed as it was made), or one read before: not decoded again
        }
        try {
            JsonObject event = new JsonObject(record.value());
            String requestId = event.getString(EventFields.REQUEST_ID);
            if (requestId != null && EventFields.DECISION_EVENT.equals(event.getString(EventFields.TYPE))) {
                index.put(requestId, LearningState.decisionOf(event));
            }
        } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException bad) {
            LOGGER.atDebug().setMessage("decision_record_skipped").addKeyValue("offset", record.offset()).log();
        }
    }

    @Override
    public Future<?> stop() {
        return reader == null ? Future.succeededFuture() : reader.close();
    }
}
