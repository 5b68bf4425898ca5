package dev.switchboard.proxy;

import dev.switchboard.contracts.config.ServerConfig;
import dev.switchboard.contracts.config.TlsConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server options of each listener from its {@link ServerConfig}: address, header and stream limits, and TLS.
 * The limits that need a look at each connection are {@link ConnectionGuard}'s.
 */
public final class ListenerOptions {

    private ListenerOptions() {
    }

    /**
     * The HTTP listener. In cleartext HTTP/1.1 only (OpenAI clients speak it), because Vert.x hands over a
     * cleartext connection that may still turn out to be HTTP/2 only once its first bytes have come, and a
     * connection that sends nothing would never meet the guard. With TLS, ALPN offers HTTP/2 as well.
     */
    public static HttpServerOptions http(ServerConfig listener) {
        HttpServerOptions options = common(listener).setHttp2ClearTextEnabled(false);
        return listener.tls() == null ? options
                : tls(options, listener).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    }

    /**
     * The ExtProc listener: gRPC is HTTP/2, so the guard meets a cleartext connection at its preface; one that never
     * sends it is closed by the socket's own idle timeout, {@code idle_timeout}. With TLS, ALPN offers h2 only.
     */
    public static HttpServerOptions extproc(ServerConfig listener) {
        HttpServerOptions options = common(listener).setIdleTimeout((int) listener.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        return listener.tls() == null ? options : tls(options, listener).setAlpnVersions(List.of(HttpVersion.HTTP_2));
    }

    private static HttpServerOptions common(ServerConfig listener) {
        return new HttpServerOptions().setHost(listener.bind()).setPort(listener.port())
                .setMaxHeaderSize(listener.maxHeaderBytes())
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(listener.maxConcurrentStreams())
                        .setMaxHeaderListSize(listener.maxHeaderBytes()));
    }

    private static HttpServerOptions tls(HttpServerOptions options, ServerConfig listener) {
        TlsConfig tls = listener.tls();
        options.setSsl(true).setUseAlpn(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile()))
                // A client that opens a connection and never finishes its handshake is cut like a silent one.
                .setSslHandshakeTimeout(listener.headerReadTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        if (tls.clientCaFile() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCaFile()));
        }
        return options.setClientAuth(switch (tls.clientAuth()) {
            case TlsConfig.CLIENT_AUTH_REQUIRED -> ClientAuth.REQUIRED;
            case TlsConfig.CLIENT_AUTH_REQUEST -> ClientAuth.REQUEST;
            default -> ClientAuth.NONE;
        });
    }
}
