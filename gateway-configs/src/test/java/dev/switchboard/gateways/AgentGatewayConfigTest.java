package dev.switchboard.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.SwitchboardConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** conf/agentgateway.yaml and conf/config.yaml agree: the gateway asks Switchboard and routes on its model names. */
class AgentGatewayConfigTest {

    @Test
    void shouldRouteOnEveryModelSwitchboardCanSelectAndAskItsExtProcPort() throws Exception {
        JsonNode gateway = new YAMLMapper().readTree(RepoFiles.AGENTGATEWAY.toFile());
        SwitchboardConfig switchboard = ConfigLoader.load(RepoFiles.HOMELAB).config();

        String host = gateway.path("policies").get(0).path("policy").path("extProc").path("host").asText();
        List<String> routedModels = new ArrayList<>();
        for (JsonNode route : gateway.path("binds").get(0).path("listeners").get(0).path("routes")) {
            for (JsonNode match : route.path("matches")) {
                for (JsonNode header : match.path("headers")) {
                    if (header.path("name").asText().equals("x-selected-model")) {
                        routedModels.add(header.path("value").path("exact").asText());
                    }
                }
            }
        }

        assertThat(host).isEqualTo(switchboard.global().services().extproc().bind() + ":"
                + switchboard.global().services().extproc().port());
        assertThat(routedModels).containsExactlyInAnyOrderElementsOf(
                switchboard.providers().models().stream().map(ModelDefinition::name).toList());
    }
}
