package dev.switchboard.proxy.extproc;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;

/**
 * A gRPC request that declares no {@code grpc-encoding}, shown to Vert.x with {@link #SENTINEL} as its encoding.
 * Vert.x gRPC 5.0.7's deframer throws {@code UnsupportedOperationException("Handle me")} on a message flagged
 * compressed when the request has no encoding, inside its own handler, and the stream then hangs until the gateway's
 * timeout. With the sentinel the deframer hands such a message on with that encoding, and {@link ExtProcService}
 * ends the stream with {@code INTERNAL}, as the gRPC protocol prescribes for a compressed flag without an encoding.
 * Messages not flagged compressed are {@code identity} either way, and the client's own headers are unchanged
 * everywhere else (the wrapper shows a copy only to whoever reads {@link #headers()}: Vert.x and our handlers).
 */
final class UndeclaredEncoding extends HttpServerRequestWrapper {

    /** The encoding a compressed message of a request without {@code grpc-encoding} arrives with. */
    static final String SENTINEL = "x-switchboard-undeclared";
    static final String GRPC_ENCODING = "grpc-encoding";

    private final MultiMap headers;

    private UndeclaredEncoding(HttpServerRequestInternal request) {
        super(request);
        this.headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers()).set(GRPC_ENCODING, SENTINEL);
    }

    /** The request itself when it declares an encoding, else the request with the sentinel encoding. */
    static HttpServerRequest of(HttpServerRequest request) {
        if (request.headers().contains(GRPC_ENCODING) || !(request instanceof HttpServerRequestInternal internal)) {
            return request;
        }
        return new UndeclaredEncoding(internal);
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public String getHeader(CharSequence name) {
        return headers.get(name);
    }
}
