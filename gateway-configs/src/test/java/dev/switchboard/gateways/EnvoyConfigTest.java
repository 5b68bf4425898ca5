package dev.switchboard.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.SwitchboardConfig;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * conf/envoy.yaml parsed strictly against Envoy's v3 schema (the pinned envoy api jar): unknown fields, misspelled
 * enums and wrong types fail, as Envoy would reject them at start. Then the parts Switchboard depends on: the ext_proc
 * filter before the router, pointed at the ExtProc port of conf/config.yaml over HTTP/2, and a route on
 * x-selected-model for every model Switchboard can select. PGV rules and Envoy's runtime checks are not covered.
 */
class EnvoyConfigTest {

    private static final JsonFormat.TypeRegistry TYPED_CONFIGS = JsonFormat.TypeRegistry.newBuilder()
            .add(HttpConnectionManager.getDescriptor())
            .add(ExternalProcessor.getDescriptor())
            .add(Router.getDescriptor())
            .add(HttpProtocolOptions.getDescriptor())
            .add(UpstreamTlsContext.getDescriptor())
            .build();

    static Bootstrap parseStrictly(String yaml) throws Exception {
        String json = new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
        Bootstrap.Builder bootstrap = Bootstrap.newBuilder();
        JsonFormat.parser().usingTypeRegistry(TYPED_CONFIGS).merge(json, bootstrap);
        return bootstrap.build();
    }

    private static String envoyYaml() throws Exception {
        return Files.readString(RepoFiles.ENVOY);
    }

    private static HttpConnectionManager connectionManager(Bootstrap bootstrap) throws Exception {
        return bootstrap.getStaticResources().getListeners(0).getFilterChains(0).getFilters(0).getTypedConfig()
                .unpack(HttpConnectionManager.class);
    }

    @Test
    void shouldParseAgainstEnvoysV3Schema() throws Exception {
        Bootstrap bootstrap = parseStrictly(envoyYaml());

        assertThat(bootstrap.getStaticResources().getListenersList()).hasSize(1);
        assertThat(bootstrap.getStaticResources().getClustersList()).extracting(Cluster::getName)
                .containsExactlyInAnyOrder("switchboard_extproc", "local_ollama", "openai_cloud", "gemini_cloud");
        assertThat(bootstrap.getAdmin().getAddress().getSocketAddress().getAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldRejectWhatEnvoyWouldReject() {
        assertThatThrownBy(() -> parseStrictly(envoyYaml().replace("stat_prefix:", "stat_prefixx:")))
                .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("stat_prefixx");
        assertThatThrownBy(() -> parseStrictly(envoyYaml().replace("request_body_mode: BUFFERED",
                "request_body_mode: BUFFERD"))).isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessageContaining("BUFFERD");
        assertThatThrownBy(() -> parseStrictly(envoyYaml().replace("port_value: 50051", "port_value: fifty")))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void shouldAskSwitchboardsExtProcPortBeforeRoutingAndGoOnWithoutIt() throws Exception {
        Bootstrap bootstrap = parseStrictly(envoyYaml());
        SwitchboardConfig switchboard = ConfigLoader.load(RepoFiles.HOMELAB).config();
        List<HttpFilter> filters = connectionManager(bootstrap).getHttpFiltersList();

        assertThat(filters).extracting(HttpFilter::getName)
                .containsExactly("envoy.filters.http.ext_proc", "envoy.filters.http.router");
        ExternalProcessor extProc = filters.get(0).getTypedConfig().unpack(ExternalProcessor.class);
        assertThat(extProc.getProcessingMode().getRequestHeaderMode()).isEqualTo(ProcessingMode.HeaderSendMode.SEND);
        assertThat(extProc.getProcessingMode().getRequestBodyMode()).isEqualTo(ProcessingMode.BodySendMode.BUFFERED);
        assertThat(extProc.getFailureModeAllow()).as("a plain proxy's behaviour when Switchboard is down").isTrue();

        Cluster extProcCluster = cluster(bootstrap, extProc.getGrpcService().getEnvoyGrpc().getClusterName());
        SocketAddress address = extProcCluster.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint()
                .getAddress().getSocketAddress();
        assertThat(address.getAddress() + ":" + address.getPortValue()).isEqualTo(
                switchboard.global().services().extproc().bind() + ":"
                        + switchboard.global().services().extproc().port());
        HttpProtocolOptions protocol = extProcCluster.getTypedExtensionProtocolOptionsOrThrow(
                "envoy.extensions.upstreams.http.v3.HttpProtocolOptions").unpack(HttpProtocolOptions.class);
        assertThat(protocol.getExplicitHttpConfig().hasHttp2ProtocolOptions()).as("gRPC needs HTTP/2").isTrue();
    }

    @Test
    void shouldRouteEveryModelSwitchboardCanSelectToAClusterAndFallBackToTheDefaultModel() throws Exception {
        Bootstrap bootstrap = parseStrictly(envoyYaml());
        SwitchboardConfig switchboard = ConfigLoader.load(RepoFiles.HOMELAB).config();
        List<Route> routes = connectionManager(bootstrap).getRouteConfig().getVirtualHosts(0).getRoutesList();

        Map<String, String> clusterBySelectedModel = new LinkedHashMap<>();
        Optional<String> catchAll = Optional.empty();
        for (Route route : routes) {
            Optional<HeaderMatcher> selected = route.getMatch().getHeadersList().stream()
                    .filter(h -> h.getName().equals("x-selected-model")).findFirst();
            if (selected.isPresent()) {
                clusterBySelectedModel.put(selected.get().getStringMatch().getExact(), route.getRoute().getCluster());
            } else if (route.getMatch().getPrefix().equals("/") && catchAll.isEmpty()) {
                catchAll = Optional.of(route.getRoute().getCluster());
            }
        }

        assertThat(clusterBySelectedModel.keySet()).containsExactlyInAnyOrderElementsOf(
                switchboard.providers().models().stream().map(ModelDefinition::name).toList());
        clusterBySelectedModel.values().forEach(name -> assertThat(cluster(bootstrap, name)).isNotNull());
        assertThat(catchAll).as("the route taken without a decision")
                .hasValue(clusterBySelectedModel.get(switchboard.providers().defaults().defaultModel()));
        assertThat(routes.get(routes.size() - 1).getMatch().getHeadersList()).as("catch-all comes last").isEmpty();
    }

    private static Cluster cluster(Bootstrap bootstrap, String name) {
        return bootstrap.getStaticResources().getClustersList().stream().filter(c -> c.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no cluster " + name));
    }
}
