package dev.switchboard.proxy;

import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.config.RequestRewrite;
import io.vertx.core.Future;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Calls to the models' backends: the chat URL of the chosen backend, the idle timeout, and the key from the
 * environment variable the config names ({@code Authorization: Bearer}, never logged).
 */
final class Backends {

    private final HttpClient client;
    /** Connections that have carried an answer, so that a stale one can be told from a fresh one; weak keys. */
    private final Set<HttpConnection> answered = Collections.synchronizedSet(Collections.newSetFromMap(
            new WeakHashMap<>()));
    private final Supplier<ProxySettings> settings;

    Backends(HttpClient client, Supplier<ProxySettings> settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The model's backend of that name; its first one when there is no such name. */
    static BackendRef backend(ModelDefinition model, String name) {
        return model.backendRefs().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElse(model.backendRefs().get(0));
    }

    /**
     * Sends a chat body to the backend; the response's body is the caller's to read.
     *
     * @param trace the span the HTTP call belongs under: current when the request goes out, which happens only once
     *              a connection is there, after the caller's own scope has ended
     */
    Future<HttpClientResponse> send(BackendRef backend, Buffer body, String accept, RequestRewrite rewrite,
            Context trace) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(backend.chatUrl())
                .setIdleTimeout(settings.get().limits().backendIdleTimeout().toMillis());
        if (rewrite.headers() != null) {
            // The decision's headers first, so that the proxy's own below always win (the config also forbids them).
            rewrite.headers().set().forEach(header -> request.putHeader(header.name(), header.value()));
        }
        request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, accept == null ? "*/*" : accept);
        if (backend.apiKeyEnv() != null) {
            String key = System.getenv(backend.apiKeyEnv());
            if (key != null && !key.isBlank()) {
                request.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key);
            }
        }
        return send(request, body, true, trace);
    }

    /**
     * One try, and one more when a kept-alive connection that had answered before was closed under the request
     * before any answer came: the backend closed it as idle just as the request went out (Node.js servers close
     * idle connections after 5 s, and a race is left at any idle timeout). A fresh connection's failure is the
     * backend's and is not tried again, as OkHttp and Go's transport do with stale pooled connections.
     */
    private Future<HttpClientResponse> send(RequestOptions request, Buffer body, boolean mayRetry, Context trace) {
        return client.request(request).compose(outgoing -> sent(outgoing, body, trace)
                .onSuccess(incoming -> answered.add(outgoing.connection()))
                .recover(failure -> mayRetry && failure instanceof HttpClosedException
                        && answered.contains(outgoing.connection())
                        ? send(request, body, false, trace) : Future.failedFuture(failure)));
    }

    private static Future<HttpClientResponse> sent(HttpClientRequest outgoing, Buffer body, Context trace) {
        try (Scope ignored = trace.makeCurrent()) {
            return outgoing.send(body);
        }
    }
}
