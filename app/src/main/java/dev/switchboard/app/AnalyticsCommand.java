package dev.switchboard.app;

import dev.switchboard.contracts.config.KafkaConfig;
import dev.switchboard.feedback.analytics.TopicReader;
import dev.switchboard.feedback.analytics.TrafficReport;
import dev.switchboard.feedback.kafka.EmbeddedKafka;
import dev.switchboard.feedback.kafka.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code switchboard analytics [--config FILE] [--since DURATION] [--json]}: per-model share of traffic, cost, latency
 * percentiles and feedback win rates, read from the event topics. With a configured cluster it reads that; with the
 * embedded broker it reads the running one (its address is in the data folder) or, when Switchboard is not running,
 * opens the data folder itself for the time of the report.
 */
final class AnalyticsCommand {

    private AnalyticsCommand() {
    }

    static int run(KafkaConfig kafka, Duration since, boolean json, PrintStream out, PrintStream err)
            throws Exception {
        Instant from = since == null ? null : Instant.now().minus(since);
        List<String> topics = Topics.inputs(kafka.topics());
        TrafficReport report = new TrafficReport();
        if (!kafka.usesEmbeddedBroker()) {
            TopicReader.read(kafka.bootstrapServers(), topics, from, report::add);
        } else {
            Path dataDir = Path.of(kafka.embedded().dataDir());
            Optional<String> running = EmbeddedKafka.runningAt(dataDir).filter(AnalyticsCommand::listening);
            if (running.isPresent()) {
                TopicReader.read(running.get(), topics, from, report::add);
            } else if (Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
                try (EmbeddedKafka broker = EmbeddedKafka.start(dataDir, 0)) {
                    TopicReader.read(broker.bootstrapServers(), topics, from, report::add);
                }
            } else {
                err.println("no events yet: " + dataDir + " holds no Kafka data (run switchboard first)");
                return Main.EXIT_INVALID;
            }
        }
        out.print(json ? report.json().encodePrettily() + System.lineSeparator() : report.table());
        return Main.EXIT_OK;
    }

    private static boolean listening(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 1_000);
            return true;
        } catch (IOException | NumberFormatException notThere) {
            return false;
        }
    }
}
