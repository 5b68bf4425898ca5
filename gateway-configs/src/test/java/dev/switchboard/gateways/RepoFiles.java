package dev.switchboard.gateways;

import java.nio.file.Path;

/** The shipped files under test, as the build sees them from this module's folder. */
final class RepoFiles {

    static final Path HOMELAB = Path.of("..", "conf", "config.yaml");
    static final Path ENVOY = Path.of("..", "conf", "envoy.yaml");
    static final Path AGENTGATEWAY = Path.of("..", "conf", "agentgateway.yaml");

    private RepoFiles() {
    }
}
