package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code routing.signals.jailbreak[]}: the prompt looks like a prompt-injection or jailbreak attempt.
 * The prompt's nearest examples among the project's bank of attacks and benign look-alikes, plus the rule's own
 * patterns, vote; the rule matches when the share of attacks reaches {@code threshold}.
 *
 * @param name              rule name referenced by conditions of type {@code jailbreak}
 * @param description       free text; nullable
 * @param method            {@code classifier}, {@code contrastive} or {@code hybrid}: all are the example vote here
 * @param threshold         the least share of attack examples among the nearest, in [0, 1]; 0.5 when absent
 * @param includeHistory    also score earlier user turns (the rule matches if any turn does)
 * @param jailbreakPatterns more attack examples
 * @param benignPatterns    more benign examples
 * @param direction         {@code prompt} (default); {@code response} rules score the model's answer, which a
 *                          router that decides before the answer cannot do, so they never match
 */
public record JailbreakSignal(
        String name,
        String description,
        String method,
        Double threshold,
        @JsonProperty("include_history") Boolean includeHistory,
        @JsonProperty("jailbreak_patterns") List<String> jailbreakPatterns,
        @JsonProperty("benign_patterns") List<String> benignPatterns,
        String direction) {

    public static final String DIRECTION_PROMPT = "prompt";
    public static final String DIRECTION_RESPONSE = "response";
    public static final double DEFAULT_THRESHOLD = 0.5;

    public JailbreakSignal {
        method = method == null ? "classifier" : method;
        threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
        includeHistory = includeHistory != null && includeHistory;
        jailbreakPatterns = Lists.immutable(jailbreakPatterns);
        benignPatterns = Lists.immutable(benignPatterns);
        direction = direction == null ? DIRECTION_PROMPT : direction;
    }
}
