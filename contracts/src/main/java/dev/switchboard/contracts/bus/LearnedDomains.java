package dev.switchboard.contracts.bus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompts that {@code domain} feedback said are of a subject, learned by the feedback loop and published in
 * {@link LearnedState#models()} under {@link #KEY}: the router's domain classifier counts them as examples of their
 * subject beside the project's bank. Vectors of different embedding models are kept apart: a router compares only
 * those of its own model.
 *
 * @param byModel per embedding model, per domain label, the prompts' unit vectors, oldest first
 */
public record LearnedDomains(Map<String, Map<String, List<float[]>>> byModel) {

    /** The key of the learned state's models under which these are published. */
    public static final String KEY = "domain_examples";

    public static final LearnedDomains NONE = new LearnedDomains(Map.of());

    public LearnedDomains {
        Map<String, Map<String, List<float[]>>> copy = new LinkedHashMap<>();
        byModel.forEach((model, domains) -> {
            Map<String, List<float[]>> perDomain = new LinkedHashMap<>();
            domains.forEach((domain, vectors) -> perDomain.put(domain, List.copyOf(vectors)));
            copy.put(model, Map.copyOf(perDomain));
        });
        byModel = Map.copyOf(copy);
    }

    /** The examples of one embedding model, by domain; empty when none were learned with it. */
    public Map<String, List<float[]>> of(String embeddingModel) {
        return embeddingModel == null ? Map.of() : byModel.getOrDefault(embeddingModel, Map.of());
    }
}
