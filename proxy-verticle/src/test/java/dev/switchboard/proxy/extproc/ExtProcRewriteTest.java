package dev.switchboard.proxy.extproc;

import static dev.switchboard.proxy.extproc.ExtProcStreamTest.body;
import static dev.switchboard.proxy.extproc.ExtProcStreamTest.chat;
import static dev.switchboard.proxy.extproc.ExtProcStreamTest.headers;
import static dev.switchboard.proxy.extproc.ExtProcStreamTest.setHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CallerFacts;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.proxy.TestProxies;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcClient;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decision's request rewrites through ExtProc: the homelab's decision with a system prompt, a max_tokens cap and a
 * header mutation, and a stand-in router that routes through it; the gateway gets the rewritten body and the header
 * mutation (set and removed headers) with it, and the router gets the gateway's identity headers.
 */
class ExtProcRewriteTest {

    private Vertx vertx;
    private SocketAddress server;
    private final List<CallerFacts> callers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> {
            callers.add(message.body().caller());
            message.reply(new RouteDecision(message.body().requestId(), "MoM", "qwen-coder", "qwen2.5-coder:7b",
                    "local-ollama", "MoM", "multi_factor", 0.9, List.of(), ReasonCode.AUTO_ROUTING, 1_000, "rev"));
        }).completion().await(10, TimeUnit.SECONDS);
        String plugins = String.join("\n",
                "      plugins:",
                "        - type: system_prompt",
                "          configuration: {mode: insert, system_prompt: \"You are a senior engineer.\"}",
                "        - type: request_params",
                "          configuration: {default_max_tokens: 1024, max_n: 1}",
                "        - type: header_mutation",
                "          configuration:",
                "            add: [{name: x-tenant-tier, value: premium}]",
                "            delete: [x-debug-trace]",
                "      algorithm:");
        String homelab = TestProxies.homelabWithProxy("{}").replace("      algorithm:", plugins);
        server = SocketAddress.inetSocketAddress(TestProxies.deploy(vertx, homelab).extprocPort(), "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldForwardTheRewrittenBodyWithTheDecisionsHeaders() throws Exception {
        List<ProcessingResponse> responses = new CopyOnWriteArrayList<>();
        var request = GrpcClient.client(vertx).request(server, ExternalProcessorGrpcClient.Process)
                .await(10, TimeUnit.SECONDS);
        request.response().onSuccess(response -> response.handler(responses::add));
        request.write(ProcessingRequest.newBuilder()
                .setRequestHeaders(headers(false, ":method", "POST", ":path", "/v1/chat/completions",
                        "content-type", "application/json", "x-authz-user-id", "alice",
                        "x-authz-user-groups", "staff, platform-admins"))
                .setProtocolConfig(ProtocolConfiguration.newBuilder().setRequestBodyMode(BodySendMode.BUFFERED))
                .build());
        request.write(body(chat("MoM"), true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (responses.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        request.end();

        CommonResponse answer = responses.get(1).getRequestBody().getResponse();
        JsonObject forwarded = new JsonObject(answer.getBodyMutation().getBody().toStringUtf8());
        assertThat(forwarded.getJsonArray("messages").getJsonObject(0).getString("content"))
                .isEqualTo("You are a senior engineer.");
        assertThat(forwarded.getJsonArray("messages").getJsonObject(1).getString("role")).isEqualTo("user");
        assertThat(forwarded.getInteger("max_tokens")).isEqualTo(1024);
        assertThat(setHeaders(answer.getHeaderMutation())).containsEntry("x-tenant-tier", "premium")
                .containsEntry("x-selected-model", "qwen-coder");
        assertThat(answer.getHeaderMutation().getRemoveHeadersList()).containsExactly("x-debug-trace");
        assertThat(callers).singleElement().satisfies(caller -> {
            assertThat(caller.authzUserId()).isEqualTo("alice");
            assertThat(caller.authzGroups()).containsExactly("staff", "platform-admins");
        });
    }
}
