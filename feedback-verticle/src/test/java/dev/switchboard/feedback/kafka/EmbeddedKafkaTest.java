package dev.switchboard.feedback.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testing.LogCapture;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddedKafkaTest {

    @TempDir
    Path dir;

    private final LogCapture logs = new LogCapture();

    @AfterEach
    void detachLogs() {
        logs.close();
    }

    @Test
    void shouldServeOnLoopbackAndKeepItsLogAcrossRestarts() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(EmbeddedKafka.runningAt(dir)).hasValue(kafka.bootstrapServers());
            createTopic(kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "v1")).get();
            }
        }
        assertThat(EmbeddedKafka.runningAt(dir)).isEmpty();

        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0)) {
            assertThat(read(again.bootstrapServers())).containsExactly("v1");
        }
    }

    @Test
    void shouldBoundTheDiskItsEventTopicsUse() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);

            assertThat(config.get("log.retention.bytes").value()).isEqualTo(String.valueOf(
                    EmbeddedKafka.RETENTION_BYTES));
            assertThat(config.get("log.segment.bytes").value()).isEqualTo(String.valueOf(EmbeddedKafka.SEGMENT_BYTES));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Damage.class)
    void shouldSetAnUnusableFolderAsideSayWhyAndStartFresh(Damage damage) throws Exception {
        writeOneRecord();
        damage.apply(dir.resolve("log"));

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            assertThat(logs.withMessage("kafka_embedded_data_unusable")).singleElement()
                    .satisfies(line -> assertThat(line).containsEntry("moved_to",
                            dir.toAbsolutePath().resolve("log.unusable").toString()).containsKey("error"));
            assertThat(dir.resolve("log.unusable")).exists();
            assertThat(topics(kafka.bootstrapServers())).as("a fresh log").doesNotContain("t");
            createTopic(kafka.bootstrapServers());
        }
    }

    @Test
    void shouldKeepOnlyTheLastUnusableFolder() throws Exception {
        for (int round = 0; round < 2; round++) {
            if (Files.exists(dir.resolve("log"))) {
                deleteRecursively(dir.resolve("log"));
            }
            Files.writeString(dir.resolve("log"), "round " + round);
            EmbeddedKafka.start(dir, 0).close();
        }
        assertThat(dir.resolve("log.unusable")).hasContent("round 1");
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("log", "log.unusable");
        }
    }

    @Test
    void shouldStartFreshWhenItsFolderWasDeleted() throws Exception {
        writeOneRecord();
        deleteRecursively(dir);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            assertThat(logs.messages()).contains("kafka_embedded_formatted").doesNotContain(
                    "kafka_embedded_data_unusable");
            assertThat(topics(kafka.bootstrapServers())).doesNotContain("t");
        }
    }

    @Test
    void shouldLeaveTheFolderAloneWhenThePortIsTaken() throws Exception {
        writeOneRecord();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dir, taken.getLocalPort())).hasRootCauseInstanceOf(
                    BindException.class);
        }
        assertThat(dir.resolve("log.unusable")).doesNotExist();
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0)) {
            assertThat(read(again.bootstrapServers())).containsExactly("v1");
        }
    }

    /** What can happen to the data folder while Switchboard is stopped. */
    enum Damage {
        GARBLED_META_PROPERTIES {
            @Override
            void apply(Path log) throws IOException {
                Files.writeString(log.resolve("meta.properties"), "garbage\u0000\u0001");
            }
        },
        A_FILE_WHERE_THE_FOLDER_WAS {
            @Override
            void apply(Path log) throws IOException {
                deleteRecursively(log);
                Files.writeString(log, "not a folder");
            }
        };

        abstract void apply(Path log) throws IOException;
    }

    private void writeOneRecord() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            createTopic(kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "v1")).get();
            }
        }
    }

    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
        }
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listTopics().names().get();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    private static List<String> read(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("t", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
            }
            return values;
        }
    }
}
