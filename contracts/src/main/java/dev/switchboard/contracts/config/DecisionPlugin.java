package dev.switchboard.contracts.config;

import java.util.Set;

/**
 * One entry of a decision's {@code plugins}. Only {@code response_cache} is supported (its aliases are rewritten to
 * it when the file is read); other plugin types are dropped with a warning.
 *
 * @param type          {@link #RESPONSE_CACHE}
 * @param configuration the plugin's settings
 */
public record DecisionPlugin(String type, ResponseCachePlugin configuration) {

    public static final String RESPONSE_CACHE = "response_cache";
    /** The reference's other spellings of {@link #RESPONSE_CACHE}. */
    public static final Set<String> RESPONSE_CACHE_ALIASES = Set.of("semantic-cache", "semantic_cache",
            "response-cache");

    public DecisionPlugin {
        configuration = configuration == null ? ResponseCachePlugin.defaults() : configuration;
    }
}
