package dev.switchboard.router;

import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The router's meters: {@code switchboard_routing_decisions_total{model, decision, reason}},
 * {@code switchboard_routing_latency_seconds} (histogram, embedding included) and
 * {@code switchboard_routing_fallbacks_total{reason}} ({@code router_unavailable}: decisions reached after the proxy
 * had stopped waiting, and dropped). Tag values are bounded: configured names and reason codes.
 */
final class RouterMetrics {

    private static final Duration[] LATENCY_BOUNDS = Arrays.stream(MetricNames.ROUTING_LATENCY_BOUNDS_MS)
            .mapToObj(ms -> Duration.ofNanos(Math.round(ms * 1_000_000))).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter tooLate;

    RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(MetricNames.ROUTING_LATENCY).description("Routing time, embedding included")
                .publishPercentileHistogram().serviceLevelObjectives(LATENCY_BOUNDS)
                .minimumExpectedValue(LATENCY_BOUNDS[0]).register(registry);
        this.tooLate = fallbacks(ReasonCode.ROUTER_UNAVAILABLE);
    }

    void record(RouteDecision decision) {
        latency.record(decision.routingMicros(), TimeUnit.MICROSECONDS);
        Counter.builder(MetricNames.ROUTING_DECISIONS)
                .tag(MetricNames.TAG_MODEL, decision.selectedModel())
                .tag(MetricNames.TAG_DECISION, decision.decision() == null ? "none" : decision.decision())
                .tag(MetricNames.TAG_REASON, decision.reason().code())
                .register(registry).increment();
        switch (decision.reason()) {
            case SELECTOR_FALLBACK, EMBEDDING_UNAVAILABLE, LANGUAGE_UNSUPPORTED, ROUTER_ERROR ->
                    fallbacks(decision.reason()).increment();
            default -> {
                // auto_routing, default_no_match and concrete_model are the normal outcomes.
            }
        }
    }

    private Counter fallbacks(ReasonCode reason) {
        return Counter.builder(MetricNames.ROUTING_FALLBACKS).tag(MetricNames.TAG_REASON, reason.code()).register(registry);
    }

    /** A decision reached after the proxy stopped waiting (it served the default model): dropped. */
    void recordTooLate() {
        tooLate.increment();
    }
}
