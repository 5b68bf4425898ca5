package dev.switchboard.gateways;

import java.nio.file.Path;

/** The shipped files under test, as the build sees them from this module's folder. */
final class RepoFiles {

    static final Path HOMELAB = Path.of("..", "conf", "config.yaml");
    static final Path ENVOY = Path.of("..", "conf", "envoy.yaml");
    static final Path AGENTGATEWAY = Path.of("..", "conf", "agentgateway.yaml");
    static final Path STACK_CONFIG = Path.of("..", "deploy", "switchboard", "config.yaml");
    static final Path STACK_AGENTGATEWAY = Path.of("..", "deploy", "agentgateway", "config.yaml");
    static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    static final Path STACK_TEST_OVERRIDE = Path.of("..", "deploy", "stack-test", "docker-compose.local.yml");
    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "switchboard.json");

    private RepoFiles() {
    }
}
