package dev.switchboard.feedback.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the topic readers that assign partitions themselves (no consumer group) share. */
public final class TopicPartitions {

    private static final Logger LOGGER = LoggerFactory.getLogger(TopicPartitions.class);

    private TopicPartitions() {
    }

    /**
     * The topic's partitions, waiting for Kafka, and for the topic to be created, as long as it takes.
     *
     * @throws WakeupException when {@code running} turns false first
     */
    public static List<TopicPartition> await(KafkaConsumer<String, String> kafka, String topic,
            BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException kafkaAway) {
                LOGGER.atDebug().setMessage("waiting_for_kafka").addKeyValue("topic", topic).log();
            }
            sleepQuietly(500);
        }
        throw new WakeupException();
    }

    public static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
