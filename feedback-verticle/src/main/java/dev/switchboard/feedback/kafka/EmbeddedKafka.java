package dev.switchboard.feedback.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (combined broker and controller) inside Switchboard's JVM, on 127.0.0.1 only, with its
 * log in a local folder: the event log of the one-command run when no {@code bootstrap_servers} is configured. The
 * folder is formatted once and reused, so decisions, feedback and learned state survive restarts. While it runs,
 * {@code broker.json} in the folder names its address, so that {@code switchboard analytics} can find it.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafka.class);
    /** Written while the broker runs: {@code {"bootstrap_servers": "127.0.0.1:PORT"}}. */
    public static final String ADDRESS_FILE = "broker.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The broker's log folder inside the data folder. */
    private static final String LOG_DIR = "log";
    /** Per partition of an event topic (six by default: 1.5 GiB a topic). */
    static final long RETENTION_BYTES = 256L << 20;
    static final int SEGMENT_BYTES = 128 << 20;
    /** The log cleaner's dedupe buffer: its key map for the compacted topics. */
    static final long CLEANER_BUFFER_BYTES = 16L << 20;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, String bootstrapServers) {
        this.server = server;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDir} if it is new, starts the broker and waits until it serves. Blocking: seconds.
     *
     * <p>A folder the broker cannot start on (a garbled {@code meta.properties}, a file where the folder should be,
     * a log it cannot recover) is moved aside to {@code log.unusable} and the broker starts on a fresh one, with one
     * WARN line saying so: learned state then starts empty, which beats a process that fails the same way on every
     * restart. Only the last unusable folder is kept, so a disk cannot fill with them. A port that is taken is not
     * the folder's fault: that error is thrown as it is.
     *
     * @param port the client port; 0 picks a free one
     */
    public static EmbeddedKafka start(Path dataDir, int port) throws Exception {
        Path logDir = dataDir.toAbsolutePath().resolve(LOG_DIR);
        try {
            return startOn(dataDir, logDir, port);
        } catch (Exception unusable) {
            if (causedBy(unusable, BindException.class) || !Files.exists(logDir, LinkOption.NOFOLLOW_LINKS)) {
                throw unusable;
            }
            Path aside = setAside(logDir);
            LOGGER.atWarn().setMessage("kafka_embedded_data_unusable").addKeyValue("data_dir", dataDir.toString())
                    .addKeyValue("moved_to", aside.toString()).addKeyValue("error", unusable.toString()).log();
            return startOn(dataDir, logDir, port);
        }
    }

    private static EmbeddedKafka startOn(Path dataDir, Path logDir, int port) throws Exception {
        Files.createDirectories(logDir);
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        KafkaConfig config = new KafkaConfig(nodeProperties(1, brokerPort, "1@127.0.0.1:" + controllerPort,
                controllerPort, logDir, 1));
        if (formatIfNew(logDir, Uuid.randomUuid().toString(), 1)) {
            LOGGER.atInfo().setMessage("kafka_embedded_formatted").addKeyValue("data_dir", dataDir.toString()).log();
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException notStarted) {
            server.shutdown(); // its threads and ports, before the caller tries again
            server.awaitShutdown();
            throw notStarted;
        }
        String bootstrap = "127.0.0.1:" + brokerPort;
        EmbeddedKafka kafka = new EmbeddedKafka(server, dataDir, bootstrap);
        kafka.writeAddress();
        return kafka;
    }

    /**
     * The settings of one combined broker and controller on 127.0.0.1: the embedded broker's (one node), and each
     * node's of a {@link LocalKafkaCluster}.
     *
     * @param voters      {@code id@host:port,...} of the controllers
     * @param replication replicas of the internal topics (offsets, transactions) and of topics created with the
     *                    broker's default; writes then need all but one of them
     */
    static Map<String, Object> nodeProperties(int nodeId, int brokerPort, String voters, int controllerPort,
            Path logDir, int replication) {
        String minInSync = String.valueOf(Math.max(1, replication - 1));
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(nodeId)),
                Map.entry("controller.quorum.voters", voters),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:"
                        + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("offsets.topic.replication.factor", String.valueOf(replication)),
                Map.entry("transaction.state.log.replication.factor", String.valueOf(replication)),
                Map.entry("transaction.state.log.min.isr", minInSync),
                Map.entry("share.coordinator.state.topic.replication.factor", String.valueOf(replication)),
                Map.entry("share.coordinator.state.topic.min.isr", minInSync),
                Map.entry("default.replication.factor", String.valueOf(replication)),
                Map.entry("min.insync.replicas", minInSync),
                // A consumer group (the learning topology's) starts at once.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.partitions", "1"),
                // Disk bounded whatever the traffic (a decision event carries its prompt vector): each event topic's
                // partition keeps at most about RETENTION_BYTES plus one segment; the learned-state topic and the
                // learning's changelog are compacted and stay small. Learning needs only what it has not folded.
                Map.entry("log.retention.bytes", String.valueOf(RETENTION_BYTES)),
                Map.entry("log.segment.bytes", String.valueOf(SEGMENT_BYTES)),
                // The log cleaner's key map, allocated on the heap at start: 128 MiB by default, sized for a
                // broker of many compacted topics. Here it serves the learned-state topic, the learning's changelog
                // and the consumer offsets; 16 MiB holds about 700,000 keys, and the process's heap is 112 MiB
                // smaller.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(CLEANER_BUFFER_BYTES)),
                Map.entry("auto.create.topics.enable", "false"));
    }

    /** Formats a node's log folder unless it holds one already; true when it formatted. */
    static boolean formatIfNew(Path logDir, String clusterId, int nodeId) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return false;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(clusterId)
                .setNodeId(nodeId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(Optional.of(logDir.toString()))
                .setControllerListenerName("CONTROLLER")
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
        return true;
    }

    /** Moves the unusable folder to {@code log.unusable}, replacing an older one there. */
    private static Path setAside(Path logDir) throws IOException {
        Path aside = logDir.resolveSibling(LOG_DIR + ".unusable");
        deleteRecursively(aside);
        Files.move(logDir, aside);
        return aside;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The address of a broker that is running on this folder, if its address file is there. */
    public static Optional<String> runningAt(Path dataDir) {
        Path file = dataDir.resolve(ADDRESS_FILE);
        try {
            return Files.exists(file)
                    ? Optional.ofNullable(JSON.readTree(file.toFile()).path("bootstrap_servers").asText(null))
                    : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private void writeAddress() throws IOException {
        Path tmp = dataDir.resolve(ADDRESS_FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), Map.of("bootstrap_servers", bootstrapServers));
        Files.move(tmp, dataDir.resolve(ADDRESS_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the broker and waits for it (blocking). */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(dataDir.resolve(ADDRESS_FILE));
        server.shutdown();
        server.awaitShutdown();
    }

}
