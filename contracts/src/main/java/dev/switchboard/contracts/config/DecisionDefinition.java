package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
 */
public record DecisionDefinition(
        String name,
        String description,
        Integer priority,
        RuleNode rules,
        @JsonProperty("modelRefs") List<ModelRef> modelRefs,
        AlgorithmConfig algorithm) {

    public DecisionDefinition {
        priority = priority == null ? 0 : priority;
        rules = rules == null ? RuleNode.MATCH_ALL : rules;
        modelRefs = Lists.immutable(modelRefs);
        algorithm = algorithm == null ? AlgorithmConfig.DEFAULT : algorithm;
    }
}
