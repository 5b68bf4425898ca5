package dev.switchboard.contracts.config;

import java.util.List;

/**
 * The proxy verticle's slice of the configuration.
 *
 * @param services       listening addresses and drain time
 * @param limits         request limits and timeouts
 * @param autoModelNames request model names that ask for routing, listed by {@code GET /v1/models}
 * @param providers      models and their backends, for forwarding and {@code GET /v1/models}
 */
public record ProxySettings(ServicesConfig services, ProxyConfig limits, List<String> autoModelNames, ProvidersConfig providers) {

    public static ProxySettings of(SwitchboardConfig config) {
        return new ProxySettings(config.global().services(), config.global().proxy(), config.global().router().autoModelNames(),
                config.providers());
    }
}
