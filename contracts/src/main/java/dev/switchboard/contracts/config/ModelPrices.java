package dev.switchboard.contracts.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives every model the price it costs: its {@code pricing} from the config when it has one (that always wins),
 * free when all its backends are local ({@link LocalBackends}), else the shipped {@link PriceTable}'s price for its
 * provider model id, else none (cost is then unknown, as before). Applied once when a config is loaded, so that the
 * router's cost weight, the feedback loop's spend and the dashboard all see the same prices.
 */
public final class ModelPrices {

    private ModelPrices() {
    }

    /** {@code config} with each model's pricing resolved. */
    public static SwitchboardConfig resolve(SwitchboardConfig config, PriceTable table) {
        List<ModelDefinition> models = new ArrayList<>();
        for (ModelDefinition model : config.providers().models()) {
            models.add(model == null ? null : new ModelDefinition(model.name(), model.providerModelId(),
                    model.apiFormat(), price(model, table).orElse(null), model.backendRefs()));
        }
        return new SwitchboardConfig(config.version(), new ProvidersConfig(config.providers().defaults(), models),
                config.routing(), config.global());
    }

    static Optional<Pricing> price(ModelDefinition model, PriceTable table) {
        if (model.pricing() != null) {
            return Optional.of(model.pricing());
        }
        if (LocalBackends.isLocal(model)) {
            String where = model.backendRefs().stream().map(b -> LocalBackends.host(b).orElse("?")).distinct()
                    .reduce((a, b) -> a + ", " + b).orElse("");
            return Optional.of(new Pricing(0.0, 0.0, Pricing.DEFAULT_CURRENCY, PriceOrigin.LOCAL,
                    "local backend (" + where + ")"));
        }
        return table.lookup(model.providerModelId()).map(entry -> new Pricing(entry.promptPer1m(),
                entry.completionPer1m(), Pricing.DEFAULT_CURRENCY, PriceOrigin.TABLE,
                "price table: " + entry.id() + ", " + entry.citation()));
    }

    /** One line per model for {@code validate}: the price it got and from where. */
    public static List<String> describe(ProvidersConfig providers) {
        List<String> lines = new ArrayList<>();
        for (ModelDefinition model : providers.models()) {
            Pricing p = model.pricing();
            if (p == null) {
                lines.add(model.name() + ": no price (not local, '" + model.providerModelId()
                        + "' is not in the price table; give it pricing to count its cost)");
            } else if (p.origin() == PriceOrigin.LOCAL) {
                lines.add(model.name() + ": free, " + p.source());
            } else {
                lines.add(String.format("%s: %s prompt / %s completion %s per 1M tokens, %s", model.name(),
                        amount(p.promptPer1m()), amount(p.completionPer1m()), p.currency(),
                        p.origin() == PriceOrigin.CONFIG ? "from the config" : p.source()));
            }
        }
        return lines;
    }

    private static String amount(Double value) {
        return value == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
