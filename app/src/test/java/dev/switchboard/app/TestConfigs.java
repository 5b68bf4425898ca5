package dev.switchboard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Config files for launcher tests: the homelab file with free ports and a fast reload poll. */
final class TestConfigs {

    static final Path HOMELAB = Path.of("..", "conf", "config.yaml");

    /** The start of a {@code global:} block: ephemeral ports, a short drain; more of {@code global} may follow. */
    static final String GLOBAL_ON_FREE_PORTS = """
            global:
              services:
                http: {port: 0}
                extproc: {port: 0}
                drain_timeout: 2s
            """;

    private TestConfigs() {
    }

    /** The homelab config with ephemeral ports, as a new file in {@code dir}. */
    static Path homelabOnFreePorts(Path dir) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, homelabOnFreePortsText(dir));
        return file;
    }

    /** The homelab config with ephemeral ports and the embedded broker's data in {@code dir}. */
    static String homelabOnFreePortsText(Path dir) throws IOException {
        return Files.readString(HOMELAB) + GLOBAL_ON_FREE_PORTS + """
                  reload:
                    poll_interval: 100ms
                """ + kafkaIn(dir);
    }

    /** {@code conf/examples/homelab-stub.yaml} with every backend on the stub listening on {@code port}. */
    static String homelabStubAt(int port) throws IOException {
        return Files.readString(HomelabStubTest.STUB_CONFIG).replace("127.0.0.1:6556", "127.0.0.1:" + port);
    }

    /** A {@code global.kafka} block (indented for {@code global:}) that keeps the embedded broker in {@code dir}. */
    static String kafkaIn(Path dir) {
        return "  kafka:\n    embedded: {data_dir: \"" + dir.resolve("kafka").toAbsolutePath() + "\"}\n";
    }
}
