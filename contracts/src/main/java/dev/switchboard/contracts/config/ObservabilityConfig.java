package dev.switchboard.contracts.config;

/**
 * {@code global.services.observability}.
 *
 * @param tracing OpenTelemetry traces; off by default
 */
public record ObservabilityConfig(TracingConfig tracing) {

    public ObservabilityConfig {
        tracing = tracing == null ? TracingConfig.defaults() : tracing;
    }

    static ObservabilityConfig defaults() {
        return new ObservabilityConfig(null);
    }
}
