package dev.switchboard.feedback.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A KRaft cluster of several combined broker-and-controller nodes in this JVM, on 127.0.0.1, each with its own log
 * folder: what the scale-out tests and the {@code learning-scale} bench run on (three nodes, internal topics and
 * topics created with the default replicated three times, writes needing two). A node can be stopped and started
 * again on its folder and ports, to take a broker away under load.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int[] brokerPorts;
    private final int[] controllerPorts;
    private final String voters;
    private final KafkaRaftServer[] nodes;
    /** Nodes start in parallel: each waits for a quorum of controllers, which the others are. */
    private final ExecutorService starter = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-kafka-start");
        thread.setDaemon(true);
        return thread;
    });

    private LocalKafkaCluster(Path dir, int size) throws Exception {
        this.dir = dir;
        brokerPorts = new int[size];
        controllerPorts = new int[size];
        nodes = new KafkaRaftServer[size];
        List<String> voterList = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            brokerPorts[i] = EmbeddedKafka.freePort();
            controllerPorts[i] = EmbeddedKafka.freePort();
            voterList.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
        }
        voters = String.join(",", voterList);
    }

    /** Formats {@code size} nodes under {@code dir} and starts them all; blocking, seconds. */
    public static LocalKafkaCluster start(Path dir, int size) throws Exception {
        LocalKafkaCluster cluster = new LocalKafkaCluster(dir, size);
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int node = i;
            started.add(CompletableFuture.runAsync(() -> cluster.startNode(node), cluster.starter));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        return cluster;
    }

    private void startNode(int node) {
        try {
            Path logDir = dir.resolve("node-" + (node + 1));
            Files.createDirectories(logDir);
            EmbeddedKafka.formatIfNew(logDir, clusterId, node + 1);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(EmbeddedKafka.nodeProperties(node + 1,
                    brokerPorts[node], voters, controllerPorts[node], logDir, nodes.length)), Time.SYSTEM);
            server.startup();
            synchronized (nodes) {
                nodes[node] = server;
            }
        } catch (Exception e) {
            throw new IllegalStateException("node " + (node + 1) + " did not start", e);
        }
    }

    /** Every node's {@code host:port}, for clients. */
    public String bootstrapServers() {
        return java.util.Arrays.stream(brokerPorts).mapToObj(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.length;
    }

    /** Stops node {@code index} (0-based), keeping its folder; blocking. */
    public void stop(int index) {
        KafkaRaftServer server;
        synchronized (nodes) {
            server = nodes[index];
            nodes[index] = null;
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /** Starts a stopped node again on its folder and ports; blocking until it serves. */
    public void restart(int index) {
        startNode(index);
    }

    /** Stops every node, all at once (one by one, the last would wait for a quorum that has gone). */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            int node = i;
            stopped.add(CompletableFuture.runAsync(() -> stop(node), starter));
        }
        CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).join();
        starter.shutdown();
    }
}
