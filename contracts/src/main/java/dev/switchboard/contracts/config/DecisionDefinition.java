package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code routing.decisions[]}.
 *
 * <p>Switchboard differs from the reference in one point, chosen for users: an empty rule tree ({@code rules: {}})
 * matches every request, which is what the homelab config relies on.
 *
 * @param name        decision name; also usable as a virtual model name in requests
 * @param description free text; nullable
 * @param priority    higher wins among matching decisions (strategy {@code priority}); 0 by default
 * @param rules       condition tree over signals; empty matches everything
 * @param modelRefs   candidate models; at least one
 * @param algorithm   how one candidate is selected; {@code static} by default
 * @param plugins     what runs around the call: {@code response_cache}, {@code fast_response}, and the request
 *                    rewrites {@code system_prompt}, {@code request_params}, {@code header_mutation}
 */
public record DecisionDefinition(
        String name,
        String description,
        Integer priority,
        RuleNode rules,
        @JsonProperty("modelRefs") List<ModelRef> modelRefs,
        AlgorithmConfig algorithm,
        List<DecisionPlugin> plugins) {

    public DecisionDefinition {
        priority = priority == null ? 0 : priority;
        rules = rules == null ? RuleNode.MATCH_ALL : rules;
        modelRefs = Lists.immutable(modelRefs);
        algorithm = algorithm == null ? AlgorithmConfig.DEFAULT : algorithm;
        plugins = Lists.immutable(plugins);
    }

    /** A decision without plugins. */
    public DecisionDefinition(String name, String description, Integer priority, RuleNode rules,
            List<ModelRef> modelRefs, AlgorithmConfig algorithm) {
        this(name, description, priority, rules, modelRefs, algorithm, List.of());
    }

    /** The decision's response cache when it is listed and enabled. */
    public Optional<ResponseCachePlugin> responseCache() {
        return plugin(ResponseCachePlugin.class).filter(ResponseCachePlugin::enabled);
    }

    /** The decision's fixed answer, when it has a {@code fast_response} plugin: no model is called. */
    public Optional<FastResponsePlugin> fastResponse() {
        return plugin(FastResponsePlugin.class);
    }

    /** The decision's replay record keeping, when it has an enabled {@code router_replay} plugin. */
    public Optional<RouterReplayPlugin> routerReplay() {
        return plugin(RouterReplayPlugin.class).filter(RouterReplayPlugin::enabled);
    }

    /** What the decision changes in the request it forwards: its system prompt, parameter limits, headers. */
    public RequestRewrite rewrite() {
        return new RequestRewrite(plugin(SystemPromptPlugin.class)
                .filter(p -> p.enabled() && p.systemPrompt() != null && !p.systemPrompt().isBlank()).orElse(null),
                plugin(RequestParamsPlugin.class).orElse(null), plugin(HeaderMutationPlugin.class).orElse(null));
    }

    private <T> Optional<T> plugin(Class<T> type) {
        return plugins.stream().filter(Objects::nonNull).flatMap(p -> p.configuration(type).stream())
                .findFirst();
    }
}
