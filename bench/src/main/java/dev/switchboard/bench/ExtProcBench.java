package dev.switchboard.bench;

import com.google.protobuf.ByteString;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.health.Readiness;
import dev.switchboard.proxy.ProxyVerticle;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcClient;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The ExtProc round trip a gateway sees for one chat request in buffered mode: a new stream, request headers, the
 * body, and the two answers (headers continue; body with the routing mutation), with the real embedder and router
 * on the homelab config and the prompt cache off. Timed from opening the stream to the body response, by a Vert.x
 * gRPC client on its own event loops, over HTTP/2 on 127.0.0.1.
 *
 * <p>Usage: {@code java -jar bench/target/switchboard-bench.jar extproc [calls] [warm-up]} (default 1000, 300).
 */
public final class ExtProcBench {

    private static final String BODY = "{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Write me a Python function to compute fibonacci numbers\"}]}";

    private ExtProcBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String yaml = Files.readString(Path.of("conf/config.yaml"))
                + "\nglobal:\n  services: {http: {port: 0}, extproc: {port: 0}}\n  embedding:\n    cache_size: 0\n";
        LoadedConfig config = ConfigLoader.parse(yaml, "conf/config.yaml (prompt cache off, free ports)");
        Vertx vertx = EventLoopCallers.pipeline(config);
        ProxyVerticle proxy = new ProxyVerticle(ProxySettings.of(config.config()), new Readiness(), "none");
        vertx.deployVerticle(proxy).await(60, TimeUnit.SECONDS);
        SocketAddress server = SocketAddress.inetSocketAddress(proxy.extprocPort(), "127.0.0.1");
        GrpcClient client = GrpcClient.client(vertx);

        System.out.printf("%s, %d cores, JVM %s; conf/config.yaml; %d streams per caller after %d warm-up%n%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), calls, warmup);
        System.out.println("| callers | ExtProc round trip p50 / p99 (ms) |");
        System.out.println("|---|---|");
        for (int callers : new int[] {1, 8}) {
            EventLoopCallers.measure(vertx, callers, warmup, i -> exchange(client, server, i));
            long[] samples = EventLoopCallers.measure(vertx, callers, calls, i -> exchange(client, server, i));
            System.out.printf("| %d | %.2f / %.2f |%n", callers, EventLoopCallers.percentile(samples, 50) / 1e6,
                    EventLoopCallers.percentile(samples, 99) / 1e6);
        }
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    /** One stream: headers and body out; completes with the body response (or an immediate one). */
    private static Future<Void> exchange(GrpcClient client, SocketAddress server, int i) {
        Promise<Void> answered = Promise.promise();
        client.request(server, ExternalProcessorGrpcClient.Process).onSuccess(request -> {
            request.response().onSuccess(response -> response.handler((ProcessingResponse message) -> {
                if (message.hasRequestBody() || message.hasImmediateResponse()) {
                    request.end();
                    answered.tryComplete();
                }
            })).onFailure(answered::tryFail);
            request.write(ProcessingRequest.newBuilder().setRequestHeaders(HttpHeaders.newBuilder()
                            .setHeaders(HeaderMap.newBuilder()
                                    .addHeaders(header(":method", "POST"))
                                    .addHeaders(header(":path", "/v1/chat/completions"))
                                    .addHeaders(header("x-request-id", "bench-" + i))))
                    .setProtocolConfig(ProtocolConfiguration.newBuilder().setRequestBodyMode(BodySendMode.BUFFERED))
                    .build());
            request.write(ProcessingRequest.newBuilder().setRequestBody(HttpBody.newBuilder()
                    .setBody(ByteString.copyFromUtf8(BODY)).setEndOfStream(true)).build());
        }).onFailure(answered::tryFail);
        return answered.future();
    }

    private static HeaderValue header(String key, String value) {
        return HeaderValue.newBuilder().setKey(key).setRawValue(ByteString.copyFromUtf8(value)).build();
    }
}
