package dev.switchboard.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.contracts.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The homelab stack's files (docker-compose.yml, deploy/) agree with the homelab files they are made from: the
 * router and gateway configs inside the stack differ from conf/ only where the stack names its services, and
 * nothing is published beyond the host's loopback.
 */
class StackConfigTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** What a backend ref says about where the backend is and how to reach it: what the stack may change. */
    private static final Set<String> ENDPOINT_FIELDS = Set.of("endpoint", "base_url", "protocol", "api_key_env");

    @Test
    void stackRouterConfigShouldDifferFromTheHomelabFileOnlyInBackendEndpointsAndItsContainerSettings()
            throws Exception {
        ObjectNode homelab = (ObjectNode) YAML.readTree(RepoFiles.HOMELAB.toFile());
        ObjectNode stack = (ObjectNode) YAML.readTree(RepoFiles.STACK_CONFIG.toFile());
        ConfigLoader.load(RepoFiles.STACK_CONFIG);

        JsonNode global = stack.remove("global");
        List<String> homelabEndpoints = withoutEndpoints(homelab);
        List<String> stackEndpoints = withoutEndpoints(stack);

        assertThat(stack).as("everything but the backends' endpoints").isEqualTo(homelab);
        assertThat(homelabEndpoints).contains("endpoint=host.docker.internal:11434");
        assertThat(stackEndpoints).contains("endpoint=ollama:11434", "api_key_env=OPENAI_API_KEY",
                "api_key_env=GEMINI_API_KEY");
        assertThat(global).isEqualTo(YAML.readTree("""
                services: {http: {bind: 0.0.0.0}, extproc: {bind: 0.0.0.0}}
                kafka: {bootstrap_servers: "kafka:9092"}
                """));
    }

    /** Removes the endpoint fields of every backend ref from {@code config}; returns them as {@code field=value}. */
    private static List<String> withoutEndpoints(ObjectNode config) {
        List<String> removed = new ArrayList<>();
        for (JsonNode model : config.path("providers").path("models")) {
            for (JsonNode backend : model.path("backend_refs")) {
                for (String field : ENDPOINT_FIELDS) {
                    JsonNode value = ((ObjectNode) backend).remove(field);
                    if (value != null) {
                        removed.add(field + "=" + value.asText());
                    }
                }
            }
        }
        return removed;
    }

    @Test
    void stackGatewayConfigShouldDifferFromTheHomelabFileOnlyInTheHostsOfSwitchboardAndOllama() throws Exception {
        String homelab = YAML.readTree(RepoFiles.AGENTGATEWAY.toFile()).toString();
        String stack = YAML.readTree(RepoFiles.STACK_AGENTGATEWAY.toFile()).toString();

        assertThat(stack).contains("\"host\":\"switchboard:50051\"", "\"hostOverride\":\"ollama:11434\"");
        assertThat(stack.replace("switchboard:50051", "127.0.0.1:50051").replace("ollama:11434", "localhost:11434"))
                .isEqualTo(homelab);
    }

    @Test
    void composeFileShouldRunTheHomelabServicesAndPublishEveryPortOnLoopbackOnly() throws Exception {
        JsonNode services = YAML.readTree(RepoFiles.COMPOSE.toFile()).path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        List<String> published = new ArrayList<>();
        services.forEach(service -> service.path("ports").forEach(port -> published.add(port.asText())));

        assertThat(names).containsExactlyInAnyOrder("kafka", "switchboard", "agentgateway", "ollama", "prometheus",
                "grafana");
        assertThat(published).isNotEmpty().allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        assertThat(services.path("switchboard").path("volumes").get(0).asText())
                .isEqualTo("./deploy/switchboard/config.yaml:/etc/switchboard/config.yaml:ro");
        assertThat(services.path("agentgateway").path("volumes").get(0).asText())
                .startsWith("./deploy/agentgateway/config.yaml:");
        // The stack test's override only swaps images and backends, and publishes nothing of its own.
        JsonNode override = YAML.readTree(RepoFiles.STACK_TEST_OVERRIDE.toFile()).path("services");
        Set<String> overridden = new TreeSet<>();
        override.fields().forEachRemaining(e -> e.getValue().fieldNames().forEachRemaining(f -> overridden.add(f)));
        assertThat(overridden).containsExactlyInAnyOrder("image", "volumes", "networks");
    }

    @Test
    void dashboardShouldQueryOnlySwitchboardsOwnMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(RepoFiles.DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("expr").asText())));

        assertThat(queries).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(query -> assertThat(query).contains("switchboard_"));
        assertThat(String.join(" ", queries)).contains("switchboard_routing_decisions_total",
                "switchboard_routing_latency_seconds_bucket", "switchboard_routing_fallbacks_total",
                "switchboard_cost_total", "switchboard_feedback_total");
    }
}
