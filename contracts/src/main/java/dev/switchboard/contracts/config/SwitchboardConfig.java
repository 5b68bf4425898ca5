package dev.switchboard.contracts.config;

/**
 * The whole configuration file.
 *
 * @param version  format version; only {@value #SUPPORTED_VERSION} is accepted
 * @param providers the real models and how to reach them
 * @param routing  model cards, signals and decisions
 * @param global   process-wide settings (ports, auto names, Kafka, embedding model, logging)
 */
public record SwitchboardConfig(String version, ProvidersConfig providers, RoutingConfig routing, GlobalConfig global) {

    public static final String SUPPORTED_VERSION = "v0.3";

    public SwitchboardConfig {
        providers = providers == null ? new ProvidersConfig(null, null) : providers;
        routing = routing == null ? new RoutingConfig(null, null, null, null) : routing;
        global = global == null ? GlobalConfig.defaults() : global;
    }
}
