package dev.switchboard.proxy;

import dev.switchboard.contracts.bus.Escalation;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.config.RequestRewrite;
import dev.switchboard.proxy.openai.ChatRequest;
import dev.switchboard.proxy.openai.ResponseMeter;
import io.vertx.core.Future;
import io.opentelemetry.context.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AutoMix's self-verification on the HTTP proxy (arXiv 2310.12963): the selected (cheapest sufficient) model answers;
 * the same model is then asked whether that answer is right, as a score from 0 to 10; at or above the threshold the
 * answer is kept, below it the request goes to the next, stronger model of the plan, and so on; the last model's
 * answer is kept unverified. Each answering call is measured and reported as an outcome like any other; the
 * verification calls cost tokens too and are not reported. A backend error or an answer without text ends the
 * cascade with what it has. Only non-streamed requests are verified (a streamed answer reaches the client as it is
 * written).
 */
final class SelfVerification {

    /** What the verifier is asked: the question, the answer, a score. AutoMix frames it as entailment. */
    static final String INSTRUCTION = "You check answers. Read the question and the proposed answer. Reply with one "
            + "number from 0 to 10: how confident you are that the answer is correct and complete (0: certainly "
            + "wrong, 10: certainly right). Reply with the number only.";
    private static final Pattern SCORE = Pattern.compile("(?<![\\d.])(10|\\d(?:\\.\\d+)?)(?![\\d.])");

    private final Backends backends;
    private final Supplier<ProxySettings> settings;
    private final HttpIngress ingress;

    SelfVerification(Backends backends, Supplier<ProxySettings> settings, HttpIngress ingress) {
        this.backends = backends;
        this.settings = settings;
        this.ingress = ingress;
    }

    /** A buffered answer of one model. */
    private record Answer(ModelDefinition model, int status, MultiMap headers, Buffer body) {
    }

    /** Runs the cascade and writes the answer it keeps. */
    void answer(HttpServerResponse response, String requestId, ChatRequest chat, RouteClient.Routed routed,
            Escalation plan) {
        List<ModelDefinition> cascade = new ArrayList<>(List.of(routed.model()));
        for (String name : plan.next()) {
            settings.get().providers().model(name).ifPresent(cascade::add);
        }
        step(response, requestId, chat, routed, plan, cascade, 0);
    }

    private void step(HttpServerResponse response, String requestId, ChatRequest chat, RouteClient.Routed routed,
            Escalation plan, List<ModelDefinition> cascade, int at) {
        ModelDefinition model = cascade.get(at);
        boolean last = at == cascade.size() - 1;
        String backend = at == 0 && routed.decision() != null ? routed.decision().backend() : null;
        ResponseMeter meter = new ResponseMeter(System.nanoTime());
        ModelCallTrace trace = ingress.modelCall(model, Backends.backend(model, backend));
        HttpIngress.Outcome outcome = new HttpIngress.Outcome(requestId, model, routed, meter, null, trace);
        RequestRewrite rewrite = settings.get().rewrite(routed.decisionName());
        call(model, backend, chat.forwarded(model.providerModelId(), rewrite), rewrite, meter, trace.context())
                .onComplete(called -> {
            if (called.failed()) {
                ingress.publish(outcome, ingress.backendFailure(response, model, called.cause()), false);
                return;
            }
            Answer answer = called.result();
            ingress.publish(outcome, answer.status(), true);
            Optional<String> text = content(answer.body());
            if (last || answer.status() / 100 != 2 || text.isEmpty()) {
                write(response, requestId, routed, answer, at, null);
                return;
            }
            verify(model, chat.userMessage(), text.get()).onComplete(verified -> {
                Double score = verified.succeeded() ? verified.result().orElse(null) : null;
                if (score != null && score >= plan.threshold()) {
                    write(response, requestId, routed, answer, at, score);
                } else {
                    step(response, requestId, chat, routed, plan, cascade, at + 1);
                }
            });
        });
    }

    /** The model's own verification of its answer, from 0 to 1; empty when it gave no number. */
    private Future<Optional<Double>> verify(ModelDefinition model, String question, String answer) {
        JsonObject body = new JsonObject().put("model", model.providerModelId()).put("temperature", 0)
                .put("max_tokens", 8).put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "system").put("content", INSTRUCTION))
                        .add(new JsonObject().put("role", "user").put("content", "Question:\n" + question
                                + "\n\nProposed answer:\n" + answer)));
        return call(model, null, body.toBuffer(), RequestRewrite.NONE, new ResponseMeter(System.nanoTime()),
                        Context.current())
                .map(verification -> verification.status() / 100 == 2
                        ? content(verification.body()).flatMap(SelfVerification::score) : Optional.empty());
    }

    /** A score from 0 to 10 in the verifier's reply, scaled to 0..1. */
    static Optional<Double> score(String reply) {
        Matcher m = SCORE.matcher(reply);
        return m.find() ? Optional.of(Math.min(10, Double.parseDouble(m.group(1))) / 10) : Optional.empty();
    }

    private Future<Answer> call(ModelDefinition model, String backend, Buffer body, RequestRewrite rewrite,
            ResponseMeter meter, Context trace) {
        return backends.send(Backends.backend(model, backend), body, "application/json", rewrite, trace)
                .compose(incoming -> {
                    meter.contentType(incoming.getHeader("content-type"));
                    return incoming.body().map(bytes -> {
                        meter.chunk(bytes, System.nanoTime());
                        return new Answer(model, incoming.statusCode(), incoming.headers(), bytes);
                    });
                });
    }

    /** The assistant's text of a chat completion; empty when the body has none. */
    static Optional<String> content(Buffer body) {
        try {
            JsonArray choices = new JsonObject(body).getJsonArray("choices");
            JsonObject message = choices == null || choices.isEmpty() ? null
                    : choices.getJsonObject(0).getJsonObject("message");
            String text = message == null ? null : message.getString("content");
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void write(HttpServerResponse response, String requestId, RouteClient.Routed routed,
            Answer answer, int escalations, Double verification) {
        answer.headers().forEach((name, value) -> {
            if (!HttpIngress.HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                response.headers().add(name, value);
            }
        });
        DecisionHeaders.of(requestId, answer.model().name(), routed.decision()).forEach(response::putHeader);
        response.putHeader(DecisionHeaders.ESCALATIONS, String.valueOf(escalations));
        if (verification != null) {
            response.putHeader(DecisionHeaders.VERIFICATION, String.format(Locale.ROOT, "%.2f", verification));
        }
        response.setStatusCode(answer.status()).end(answer.body());
    }
}
