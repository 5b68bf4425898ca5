package dev.switchboard.contracts.config;

import java.util.List;

/**
 * The router verticle's slice of the configuration.
 *
 * @param providers      models and the default model
 * @param routing        model cards, signals and decisions
 * @param autoModelNames request model names that ask for routing
 */
public record RouterSettings(ProvidersConfig providers, RoutingConfig routing, List<String> autoModelNames) {

    public static RouterSettings of(SwitchboardConfig config) {
        return new RouterSettings(config.providers(), config.routing(), config.global().router().autoModelNames());
    }
}
