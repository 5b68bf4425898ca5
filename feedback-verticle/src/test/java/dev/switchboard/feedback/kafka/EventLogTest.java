package dev.switchboard.feedback.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Await;
import dev.switchboard.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log while the broker stops and comes back: appends never wait, and only what overflowed is lost. */
class EventLogTest {

    private static final int CAPACITY = 100;

    @TempDir
    Path dir;

    @Test
    void shouldNeverBlockAndLoseNothingBeyondItsBufferWhileKafkaIsAway() throws Exception {
        int port = closedPort();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EmbeddedKafka kafka = EmbeddedKafka.start(dir, port);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("events", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        EventLog log = new EventLog(kafka.bootstrapServers(), CAPACITY, Duration.ofSeconds(2), 10,
                EventLog.DROP_REPORT_INTERVAL, registry);
        for (int i = 0; i < 50; i++) {
            log.append("events", "k", "before-" + i);
        }
        Await.until(() -> count(registry, "sent") == 50, "the first 50 events sent");

        kafka.close();
        long began = System.nanoTime();
        for (int i = 0; i < 150; i++) {
            log.append("events", "k", "during-" + i);
        }
        long appendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        Thread.sleep(4_000); // past the delivery timeout: what the producer held comes back or is dropped
        kafka = EmbeddedKafka.start(dir, port);
        try {
            Await.until(() -> count(registry, "sent") + count(registry, "dropped") >= 200 && log.buffered() == 0,
                    "every event sent or counted as dropped");
            Set<String> stored = read(kafka.bootstrapServers());
            long dropped = (long) count(registry, "dropped");
            long duringStored = stored.stream().filter(v -> v.startsWith("during-")).count();

            assertThat(appendMillis).as("150 appends with Kafka away").isLessThan(500);
            assertThat(stored).as("sent before the outage").contains("before-0", "before-49");
            assertThat(duringStored + dropped).as("stored or counted, nothing silently lost").isEqualTo(150);
            assertThat(duringStored).as("at least the buffer's worth").isGreaterThanOrEqualTo(CAPACITY);
            assertThat(stored).as("the newest survive").contains("during-149");
        } finally {
            log.close(Duration.ofSeconds(5));
            kafka.close();
        }
    }

    @Test
    void shouldAccountForEveryEventAndLogDropsOnceWhenKafkaIsUnreachableFromTheStart() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventLog log = new EventLog("127.0.0.1:" + closedPort(), 50, Duration.ofSeconds(2), 10,
                EventLog.DROP_REPORT_INTERVAL, registry);
        try (LogCapture logs = new LogCapture()) {
            long began = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                log.append("events", "k", "e-" + i);
            }
            long appendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            for (int sample = 0; sample < 15; sample++) {
                assertThat(count(registry, "sent") + count(registry, "dropped") + log.buffered() + log.inFlight())
                        .as("sent + dropped + buffered + in flight, sample %d", sample).isEqualTo(500);
                assertThat(registry.get("switchboard.kafka.events.in_flight").gauge().value())
                        .isEqualTo(log.inFlight());
                Thread.sleep(200);
            }
            assertThat(appendMillis).as("500 appends with Kafka unreachable").isLessThan(500);
            assertThat(log.buffered()).isLessThanOrEqualTo(50);
            assertThat(count(registry, "sent")).isZero();
            assertThat(logs.withMessage("kafka_events_dropped")).as("within the first minute: the first drop only")
                    .singleElement().satisfies(line -> assertThat(line).containsEntry("count", "1")
                            .containsEntry("buffer_capacity", "50"));
        } finally {
            log.close(Duration.ofMillis(100));
        }
    }

    @Test
    void shouldLogTheDropsAtMostOncePerIntervalWithTheirCount() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventLog log = new EventLog("127.0.0.1:" + closedPort(), 10, Duration.ofSeconds(2), 10, Duration.ofSeconds(1),
                registry);
        List<Map<String, Object>> lines;
        try (LogCapture logs = new LogCapture()) {
            long began = System.nanoTime();
            while (System.nanoTime() - began < TimeUnit.MILLISECONDS.toNanos(3_500)) {
                for (int i = 0; i < 20; i++) {
                    log.append("events", "k", "e");
                }
                Thread.sleep(50);
            }
            log.close(Duration.ofMillis(100));
            lines = logs.withMessage("kafka_events_dropped");
        }
        long logged = lines.stream().mapToLong(line -> Long.parseLong((String) line.get("count"))).sum();
        assertThat(lines).as("3.5 s of drops, at most one line a second plus the first and the last")
                .hasSizeBetween(2, 6);
        assertThat((double) logged).as("every drop is in some line").isEqualTo(count(registry, "dropped"));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static double count(SimpleMeterRegistry registry, String what) {
        return registry.get("switchboard.kafka.events." + what).counter().count();
    }

    private static Set<String> read(String bootstrap) {
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("events", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
