package dev.switchboard.proxy.extproc;

import static dev.switchboard.proxy.extproc.ExtProcStreamTest.body;
import static dev.switchboard.proxy.extproc.ExtProcStreamTest.chat;
import static dev.switchboard.proxy.extproc.ExtProcStreamTest.requestHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.proxy.ProxyVerticle;
import dev.switchboard.proxy.TestProxies;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcClient;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both listeners with TLS from config, driven by real TLS clients: the JDK's HTTP client (HTTP/2 by ALPN) on the
 * HTTP port, the Vert.x gRPC client with and without a client certificate on the ExtProc port, which requires one
 * signed by the configured CA.
 */
class TlsListenersTest {

    private static final Path TLS = Path.of("src", "test", "resources", "tls").toAbsolutePath();

    private Vertx vertx;
    private int httpPort;
    private int extprocPort;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        TestProxies.routeEverythingToQwenCoder(vertx);
        String tls = "{cert_file: '%s', key_file: '%s'".formatted(TLS.resolve("server.pem"), TLS.resolve("server-key.pem"));
        String yaml = Files.readString(Path.of("..", "conf", "config.yaml")) + """
                global:
                  services:
                    http: {port: 0, tls: %s}}
                    extproc: {port: 0, tls: %s, client_ca_file: '%s'}}
                """.formatted(tls, tls, TLS.resolve("ca.pem"));
        ProxyVerticle proxy = TestProxies.deploy(vertx, yaml);
        httpPort = proxy.httpPort();
        extprocPort = proxy.extprocPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldServeHttpsWithHttp2NegotiatedByAlpn() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting("ca.pem")).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + httpPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void shouldRefuseCleartextOnTheTlsPortAndAClientThatDoesNotTrustTheCertificate() {
        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/health")).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);

        HttpClient trustingNothing = HttpClient.newHttpClient();
        assertThatThrownBy(() -> trustingNothing.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + httpPort + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void shouldRouteOverExtProcForAGatewayWithAClientCertificateFromTheConfiguredCa() throws Exception {
        List<ProcessingResponse> responses = stream("client");

        assertThat(responses).hasSize(2);
        assertThat(responses.get(1).hasRequestBody()).isTrue();
    }

    @Test
    void shouldRefuseExtProcClientsWithoutACertificateOrWithOneFromAnotherCa() {
        // TLS 1.3 sends the server's verdict on the client's certificate after the client's handshake is done: the
        // client sees its connection closed before any answer.
        assertThatThrownBy(() -> stream(null)).isInstanceOf(VertxException.class)
                .hasMessageContaining("Connection was closed");
        assertThatThrownBy(() -> stream("stranger")).isInstanceOf(VertxException.class)
                .hasMessageContaining("Connection was closed");
    }

    /** One routed stream over TLS, presenting {@code certificate} ({@code client}, {@code stranger} or null). */
    private List<ProcessingResponse> stream(String certificate) throws Exception {
        HttpClientOptions options = new HttpClientOptions().setSsl(true).setUseAlpn(true)
                .setProtocolVersion(HttpVersion.HTTP_2).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(TLS.resolve("ca.pem").toString()));
        if (certificate != null) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(TLS.resolve(certificate + ".pem").toString())
                    .setKeyPath(TLS.resolve(certificate + "-key.pem").toString()));
        }
        GrpcClient client = GrpcClient.client(vertx, options);
        try {
            GrpcClientRequest<ProcessingRequest, ProcessingResponse> request = client
                    .request(SocketAddress.inetSocketAddress(extprocPort, "127.0.0.1"), ExternalProcessorGrpcClient.Process)
                    .await(10, TimeUnit.SECONDS);
            List<ProcessingResponse> responses = new CopyOnWriteArrayList<>();
            CompletableFuture<List<ProcessingResponse>> answered = new CompletableFuture<>();
            request.response().onFailure(answered::completeExceptionally).onSuccess(response -> {
                response.handler(message -> {
                    responses.add(message);
                    if (responses.size() == 2) {
                        answered.complete(List.copyOf(responses));
                    }
                });
                response.exceptionHandler(answered::completeExceptionally);
                response.endHandler(v -> answered.completeExceptionally(new IllegalStateException(
                        "ended with " + response.status() + " after " + responses.size() + " messages")));
            });
            request.write(requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false));
            request.write(body(chat("MoM"), true));
            List<ProcessingResponse> result = answered.get(10, TimeUnit.SECONDS);
            request.cancel();
            return result;
        } finally {
            client.close();
        }
    }

    private static SSLContext trusting(String caFile) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(TLS.resolve(caFile))) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
