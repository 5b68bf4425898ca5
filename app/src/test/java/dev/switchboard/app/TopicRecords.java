package dev.switchboard.app;

import dev.switchboard.feedback.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a running Switchboard's embedded broker holds: every record of every topic, read from the beginning. */
final class TopicRecords {

    private TopicRecords() {
    }

    /** Every record of every topic of the broker running in {@code kafkaDir}, by topic, up to the current end. */
    static Map<String, List<ConsumerRecord<String, String>>> all(Path kafkaDir) throws Exception {
        String bootstrap = EmbeddedKafka.runningAt(kafkaDir).orElseThrow();
        Map<String, List<ConsumerRecord<String, String>>> byTopic = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                        new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var topic : admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
                byTopic.put(topic.name(), new ArrayList<>());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    byTopic.get(r.topic()).add(r);
                }
            }
        }
        return byTopic;
    }
}
