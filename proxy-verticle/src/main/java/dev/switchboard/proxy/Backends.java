package dev.switchboard.proxy;

import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProxySettings;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.function.Supplier;

/**
 * Calls to the models' backends: the chat URL of the chosen backend, the idle timeout, and the key from the
 * environment variable the config names ({@code Authorization: Bearer}, never logged).
 */
final class Backends {

    private final HttpClient client;
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

    /** Sends a chat body to the backend; the response's body is the caller's to read. */
    Future<HttpClientResponse> send(BackendRef backend, Buffer body, String accept) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(backend.chatUrl())
                .setIdleTimeout(settings.get().limits().backendIdleTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, accept == null ? "*/*" : accept);
        if (backend.apiKeyEnv() != null) {
            String key = System.getenv(backend.apiKeyEnv());
            if (key != null && !key.isBlank()) {
                request.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key);
            }
        }
        return client.request(request).compose(outgoing -> outgoing.send(body));
    }
}
