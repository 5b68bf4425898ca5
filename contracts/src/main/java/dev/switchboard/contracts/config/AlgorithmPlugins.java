package dev.switchboard.contracts.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The algorithm plugins on the class path ({@link ServiceLoader} of {@link AlgorithmPlugin}), by type and by the
 * paths of their blocks. Found once per class loader and immutable; thread-safe.
 */
public final class AlgorithmPlugins {

    private static volatile AlgorithmPlugins installed;

    private final Map<String, AlgorithmPlugin<?>> byType;
    private final Map<String, AlgorithmPlugin<?>> byBlockPath;

    AlgorithmPlugins(List<AlgorithmPlugin<?>> plugins) {
        Map<String, AlgorithmPlugin<?>> types = new LinkedHashMap<>();
        Map<String, AlgorithmPlugin<?>> blocks = new LinkedHashMap<>();
        for (AlgorithmPlugin<?> plugin : plugins) {
            if (types.putIfAbsent(plugin.type(), plugin) != null) {
                throw new IllegalStateException("two algorithm plugins for type '" + plugin.type() + "': "
                        + types.get(plugin.type()).getClass().getName() + " and " + plugin.getClass().getName());
            }
            for (String path : plugin.blockPaths()) {
                AlgorithmPlugin<?> other = blocks.putIfAbsent(path, plugin);
                if (other != null) {
                    throw new IllegalStateException("algorithm block '" + path + "' is claimed by both '"
                            + other.type() + "' and '" + plugin.type() + "'");
                }
            }
        }
        this.byType = Map.copyOf(types);
        this.byBlockPath = Map.copyOf(blocks);
    }

    /** The plugins installed with Switchboard (and any on the class path beside it). */
    public static AlgorithmPlugins installed() {
        AlgorithmPlugins found = installed;
        if (found == null) {
            List<AlgorithmPlugin<?>> plugins = new ArrayList<>();
            ServiceLoader.load(AlgorithmPlugin.class, AlgorithmPlugins.class.getClassLoader())
                    .forEach(plugin -> plugins.add((AlgorithmPlugin<?>) plugin));
            found = new AlgorithmPlugins(plugins);
            installed = found;
        }
        return found;
    }

    public Optional<AlgorithmPlugin<?>> byType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The plugin whose block is written at {@code path} (relative to {@code algorithm}, e.g. {@code ml.knn}). */
    Optional<AlgorithmPlugin<?>> byBlockPath(String path) {
        return Optional.ofNullable(byBlockPath.get(path));
    }

    /** Whether some block path starts with {@code group.} (the reference's shared {@code ml} block). */
    boolean isGroup(String group) {
        return byBlockPath.keySet().stream().anyMatch(path -> path.startsWith(group + "."));
    }

    /** The settings {@code plugin} runs with in {@code config}: the bound block, or the plugin's defaults. */
    public static <S> S settingsOf(AlgorithmConfig config, AlgorithmPlugin<S> plugin) {
        return config.settings(plugin.settingsType()).orElseGet(() -> ConfigLoader.defaults(plugin.settingsType()));
    }

    /** The installed types, sorted. */
    public List<String> types() {
        return List.copyOf(new TreeSet<>(byType.keySet()));
    }

    /** The keys an {@code algorithm} mapping may have at its top level: {@code type} and the blocks' first parts. */
    List<String> topLevelKeys() {
        TreeSet<String> keys = new TreeSet<>();
        keys.add(AlgorithmConfig.TYPE_KEY);
        byBlockPath.keySet().forEach(path -> keys.add(path.split("\\.", 2)[0]));
        return List.copyOf(keys);
    }

    /** The block names a group may hold ({@code knn, kmeans, ...} for {@code ml}). */
    List<String> groupKeys(String group) {
        TreeSet<String> keys = new TreeSet<>();
        byBlockPath.keySet().stream().filter(path -> path.startsWith(group + "."))
                .forEach(path -> keys.add(path.substring(group.length() + 1)));
        return List.copyOf(keys);
    }
}
