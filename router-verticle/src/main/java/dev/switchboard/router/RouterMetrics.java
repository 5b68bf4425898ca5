package dev.switchboard.router;

import dev.switchboard.contracts.bus.RouteDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The router's meters: {@code switchboard_routing_decisions_total{model, decision, reason}},
 * {@code switchboard_routing_latency_seconds} (histogram, embedding included) and
 * {@code switchboard_routing_fallbacks_total{reason}}. Tag values are bounded: configured names and reason codes.
 */
final class RouterMetrics {

    private final MeterRegistry registry;
    private final Timer latency;

    RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("switchboard.routing.latency").description("Routing time, embedding included")
                .publishPercentileHistogram().register(registry);
    }

    void record(RouteDecision decision) {
        latency.record(decision.routingMicros(), TimeUnit.MICROSECONDS);
        Counter.builder("switchboard.routing.decisions")
                .tag("model", decision.selectedModel())
                .tag("decision", decision.decision() == null ? "none" : decision.decision())
                .tag("reason", decision.reason().code())
                .register(registry).increment();
        switch (decision.reason()) {
            case SELECTOR_FALLBACK, EMBEDDING_UNAVAILABLE, ROUTER_ERROR ->
                    Counter.builder("switchboard.routing.fallbacks").tag("reason", decision.reason().code())
                            .register(registry).increment();
            default -> {
                // auto_routing, default_no_match and concrete_model are the normal outcomes.
            }
        }
    }
}
