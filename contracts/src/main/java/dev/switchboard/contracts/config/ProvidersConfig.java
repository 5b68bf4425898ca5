package dev.switchboard.contracts.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code providers}: the real models Switchboard can send a request to.
 *
 * @param defaults provider-wide defaults, notably the fallback model
 * @param models   every routable model, by logical name
 */
public record ProvidersConfig(ProviderDefaults defaults, List<ModelDefinition> models) {

    public ProvidersConfig {
        defaults = defaults == null ? new ProviderDefaults(null) : defaults;
        models = Lists.immutable(models);
    }

    /** The model with this logical name, if configured. */
    public Optional<ModelDefinition> model(String name) {
        return models.stream().filter(m -> m != null && m.name() != null && m.name().equals(name)).findFirst();
    }
}
