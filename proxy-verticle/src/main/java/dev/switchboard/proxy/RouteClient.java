package dev.switchboard.proxy;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.proxy.openai.ChatRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the router where a chat request goes, for both ingresses. When the router fails or does not answer in time
 * the default model serves the request, as a plain proxy would have; only an unknown model is the client's error.
 */
public final class RouteClient {

    private static final Logger LOGGER = LoggerFactory.getLogger(RouteClient.class);

    private final Vertx vertx;
    private final String ingress;

    /**
     * @param ingress the ingress asking, {@code extproc} or {@code http}; the router logs it as the component
     */
    public RouteClient(Vertx vertx, String ingress) {
        this.vertx = vertx;
        this.ingress = ingress;
    }

    /**
     * Where a request goes.
     *
     * @param model    the model that serves it
     * @param decision the router's decision; null when the router could not decide (the model asked for by name
     *                 serves, or else the default model)
     */
    public record Routed(ModelDefinition model, RouteDecision decision) {

        /** The matched decision's name; null when none matched or the router did not answer. */
        public String decisionName() {
            return decision == null ? null : decision.decision();
        }
    }

    /** A model that is neither automatic, a decision nor configured: the client gets a 400 with this message. */
    public static final class UnknownModelException extends Exception {
        UnknownModelException(String message) {
            super(message);
        }
    }

    public Future<Routed> route(ProxySettings settings, ChatRequest chat, String requestId, String sessionId,
            String userId, boolean dryRun) {
        long began = System.nanoTime();
        long timeoutMillis = settings.limits().routeTimeout().toMillis();
        return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                        chat.toRouteRequest(requestId, sessionId, userId, dryRun, ingress,
                                began + TimeUnit.MILLISECONDS.toNanos(timeoutMillis)),
                        new DeliveryOptions().setSendTimeout(timeoutMillis))
                // The router and the proxy apply a reloaded config independently; a model the proxy does not know
                // yet fails here and is served by the default model below.
                .map(reply -> new Routed(settings.providers().model(reply.body().selectedModel()).orElseThrow(
                        () -> new IllegalStateException("model '" + reply.body().selectedModel()
                                + "' is not in the proxy's configuration yet")), reply.body()))
                .recover(failure -> {
                    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
                            && FailureCode.of(reply.failureCode()) == FailureCode.INVALID_ARGUMENT) {
                        return Future.failedFuture(new UnknownModelException(failure.getMessage()));
                    }
                    LOGGER.atWarn().setMessage("routing_unavailable").addKeyValue("request_id", requestId)
                            .addKeyValue("error", failure.toString()).log();
                    // A configured model asked for by name needs no decision: it is served as a plain proxy would.
                    // Only what asked for a choice (MoM, a decision) gets the default model.
                    ModelDefinition served = settings.providers().model(chat.model()).orElseGet(() -> settings
                            .providers().model(settings.providers().defaults().defaultModel()).orElseThrow());
                    if (!dryRun) {
                        recordServedWithoutDecision(chat, requestId, sessionId, userId, served, began);
                    }
                    return Future.succeededFuture(new Routed(served, null));
                });
    }

    /**
     * The request is served all the same, so feedback on it must still be taken and joined to the model that served
     * it: the proxy records it in the router's stead. The router drops a decision that comes after the request's
     * {@code answerByNanos}, so this is the only record of the request.
     */
    private void recordServedWithoutDecision(ChatRequest chat, String requestId, String sessionId, String userId,
            ModelDefinition served, long began) {
        RouteDecision decision = new RouteDecision(requestId, chat.model(), served.name(), served.providerModelId(),
                null, null, null, 0, List.of(), ReasonCode.ROUTER_UNAVAILABLE, (System.nanoTime() - began) / 1_000,
                null);
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, new DecisionRecord(decision, chat.userMessage(), null,
                null, sessionId, userId, System.currentTimeMillis(), Map.of()));
    }
}
