package dev.switchboard.selection;

import dev.switchboard.contracts.config.AlgorithmConfig;
import dev.switchboard.contracts.config.AlgorithmPlugin;
import dev.switchboard.contracts.config.AlgorithmPlugins;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The installed algorithm plugins that can select, by type. Immutable; thread-safe. */
public final class SelectionPlugins {

    private final Map<String, SelectionPlugin<?>> byType;

    private SelectionPlugins(Map<String, SelectionPlugin<?>> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** Every installed {@link AlgorithmPlugin} that is a {@link SelectionPlugin}. */
    public static SelectionPlugins installed() {
        AlgorithmPlugins all = AlgorithmPlugins.installed();
        Map<String, SelectionPlugin<?>> selecting = new LinkedHashMap<>();
        for (String type : all.types()) {
            all.byType(type).filter(SelectionPlugin.class::isInstance)
                    .ifPresent(plugin -> selecting.put(type, (SelectionPlugin<?>) plugin));
        }
        return new SelectionPlugins(selecting);
    }

    public Optional<SelectionPlugin<?>> byType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    public int size() {
        return byType.size();
    }

    /** The algorithm of a decision's {@code algorithm} mapping. */
    public SelectionAlgorithm create(AlgorithmConfig definition, SelectionEnvironment environment) {
        SelectionContext context = new SelectionContext(environment, definition, this);
        return create(definition.type(), definition.settings(), context);
    }

    /** The algorithm of {@code type} with {@code settings} (its plugin's defaults when null or of another type). */
    SelectionAlgorithm create(String type, Object settings, SelectionContext context) {
        SelectionPlugin<?> plugin = byType(type).orElseThrow(() -> new IllegalArgumentException("algorithm '" + type
                + "' is not available in this build; installed: " + types()));
        return build(plugin, settings, context);
    }

    private static <S> SelectionAlgorithm build(SelectionPlugin<S> plugin, Object settings, SelectionContext context) {
        S typed = plugin.settingsType().isInstance(settings) ? plugin.settingsType().cast(settings)
                : AlgorithmPlugins.settingsOf(AlgorithmConfig.DEFAULT, plugin);
        return plugin.create(typed, context);
    }
}
