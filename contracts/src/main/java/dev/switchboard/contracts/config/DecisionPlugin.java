package dev.switchboard.contracts.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of a decision's {@code plugins}: {@code response_cache} (its aliases are rewritten to it when the file is
 * read), {@code fast_response}, {@code system_prompt}, {@code request_params} and {@code header_mutation}; other
 * plugin types are dropped with a warning. Bound by {@link DecisionPluginParser}.
 *
 * @param type          one of {@link #CONFIGURATIONS}
 * @param configuration the plugin's settings: the record of {@link #CONFIGURATIONS} for its type
 */
public record DecisionPlugin(String type, Object configuration) {

    public static final String RESPONSE_CACHE = "response_cache";
    public static final String FAST_RESPONSE = "fast_response";
    public static final String SYSTEM_PROMPT = "system_prompt";
    public static final String REQUEST_PARAMS = "request_params";
    public static final String HEADER_MUTATION = "header_mutation";
    public static final String ROUTER_REPLAY = "router_replay";
    /** The reference's other spellings of {@link #RESPONSE_CACHE}. */
    public static final Set<String> RESPONSE_CACHE_ALIASES = Set.of("semantic-cache", "semantic_cache",
            "response-cache");
    /** The plugin types Switchboard runs, with the record each one's configuration binds to. */
    public static final Map<String, Class<?>> CONFIGURATIONS = Map.of(
            RESPONSE_CACHE, ResponseCachePlugin.class,
            FAST_RESPONSE, FastResponsePlugin.class,
            SYSTEM_PROMPT, SystemPromptPlugin.class,
            REQUEST_PARAMS, RequestParamsPlugin.class,
            HEADER_MUTATION, HeaderMutationPlugin.class,
            ROUTER_REPLAY, RouterReplayPlugin.class);
    /** The same types, sorted, as messages list them. */
    public static final List<String> TYPES = List.copyOf(new TreeSet<>(CONFIGURATIONS.keySet()));

    /** The configuration when it is of the given type. */
    public <T> Optional<T> configuration(Class<T> type) {
        return type.isInstance(configuration) ? Optional.of(type.cast(configuration)) : Optional.empty();
    }
}
