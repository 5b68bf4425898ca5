package dev.switchboard.contracts.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a decision's {@code plugins}: {@code response_cache} (its aliases are rewritten to it when the file is
 * read) and {@code fast_response}; other plugin types are dropped with a warning. Bound by
 * {@link DecisionPluginParser}.
 *
 * @param type          {@link #RESPONSE_CACHE} or {@link #FAST_RESPONSE}
 * @param configuration the plugin's settings: the record of {@link #CONFIGURATIONS} for its type
 */
public record DecisionPlugin(String type, Object configuration) {

    public static final String RESPONSE_CACHE = "response_cache";
    public static final String FAST_RESPONSE = "fast_response";
    /** The reference's other spellings of {@link #RESPONSE_CACHE}. */
    public static final Set<String> RESPONSE_CACHE_ALIASES = Set.of("semantic-cache", "semantic_cache",
            "response-cache");
    /** The plugin types Switchboard runs, with the record each one's configuration binds to. */
    public static final Map<String, Class<?>> CONFIGURATIONS = Map.of(
            RESPONSE_CACHE, ResponseCachePlugin.class,
            FAST_RESPONSE, FastResponsePlugin.class);

    /** The configuration when it is of the given type. */
    public <T> Optional<T> configuration(Class<T> type) {
        return type.isInstance(configuration) ? Optional.of(type.cast(configuration)) : Optional.empty();
    }
}
