package dev.switchboard.feedback.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongBiFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * Reads every partition of one topic with the Vert.x Kafka client, on the context that opens it (no thread of our
 * own, the client's backpressure): no consumer group, committed transactions only, from where {@code startAt} says.
 */
public final class VertxTopicReader {

    private final KafkaConsumer<String, String> consumer;
    private final String topic;

    private VertxTopicReader(KafkaConsumer<String, String> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /**
     * @param startAt the first offset to read, given a partition and its end offset now
     * @param handler each record, in offset order per partition
     */
    public static Future<VertxTopicReader> open(Vertx vertx, String bootstrapServers, String topic,
            ToLongBiFunction<Integer, Long> startAt, Consumer<KafkaConsumerRecord<String, String>> handler) {
        Map<String, String> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.StringDeserializer");
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.StringDeserializer");
        KafkaConsumer<String, String> consumer = KafkaConsumer.create(vertx, config);
        VertxTopicReader reader = new VertxTopicReader(consumer, topic);
        return consumer.partitionsFor(topic).compose(infos -> {
            Set<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.getPartition()))
                    .collect(Collectors.toSet());
            return consumer.assign(partitions).compose(v -> consumer.endOffsets(partitions)).compose(ends -> {
                Future<Void> seeks = Future.succeededFuture();
                for (TopicPartition partition : partitions) {
                    long end = ends.getOrDefault(partition, 0L);
                    long start = Math.max(0, Math.min(end, startAt.applyAsLong(partition.getPartition(), end)));
                    seeks = seeks.compose(x -> consumer.seek(partition, start));
                }
                return seeks;
            });
        }).map(v -> {
            consumer.handler(handler::accept);
            return reader;
        }).recover(failed -> consumer.close().transform(closed -> Future.failedFuture(failed)));
    }

    public String topic() {
        return topic;
    }

    public Future<Void> close() {
        return consumer.close();
    }
}
