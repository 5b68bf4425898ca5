package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.DomainSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled {@code routing.signals.domains[]}: one {@link NearestMeans} over the 14 MMLU-Pro categories of the
 * project's bank and the config's custom domains, and the labels each domain stands for. Like the reference's
 * single-label classifier, a prompt has one subject: the domains whose labels include the winning one match, with
 * the winner's softmax weight as confidence. A physics question in a config with no physics domain matches none.
 */
public final class DomainRules {

    /** A domain rule and the classifier labels it stands for. */
    private record Domain(String name, Set<String> labels) {
    }

    private final List<Domain> domains;
    private final NearestMeans vote;

    private DomainRules(List<Domain> domains, NearestMeans vote) {
        this.domains = List.copyOf(domains);
        this.vote = vote;
    }

    /** The texts each label is recognised by: the bank's, a built-in domain's own examples, a custom domain's. */
    public static Map<String, List<String>> examples(List<DomainSignal> rules, Map<String, List<String>> bank) {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        bank.forEach((label, texts) -> examples.put(label, new ArrayList<>(texts)));
        for (DomainSignal rule : rules) {
            Set<String> labels = labels(rule);
            List<String> own = new ArrayList<>(rule.examples());
            if (!bank.containsKey(rule.name()) && rule.mmluCategories().isEmpty() && rule.description() != null
                    && !rule.description().isBlank()) {
                own.add(rule.description());
            }
            // A custom domain's examples are its own label; a built-in domain's extend its categories.
            for (String label : labels) {
                examples.computeIfAbsent(label, l -> new ArrayList<>()).addAll(own);
            }
        }
        examples.values().removeIf(List::isEmpty);
        return examples;
    }

    private static Set<String> labels(DomainSignal rule) {
        return rule.labels();
    }

    /** @param vectors the unit vectors of {@link #examples}, by label, in the same order */
    public static DomainRules of(List<DomainSignal> rules, Map<String, List<float[]>> vectors) {
        List<Domain> domains = rules.stream().map(rule -> new Domain(rule.name(), labels(rule))).toList();
        return new DomainRules(domains, new NearestMeans(vectors, NearestMeans.DEFAULT_M));
    }

    /** @param learned prompts domain feedback labelled, by label, of this router's embedding model */
    void evaluate(float[] prompt, Map<String, List<float[]>> learned, Map<String, Double> matched) {
        ClassVerdict verdict = vote.classify(prompt, learned);
        for (Domain domain : domains) {
            if (verdict.label() != null && domain.labels().contains(verdict.label())) {
                matched.put(SignalResults.key(SignalsConfig.DOMAIN, domain.name()), verdict.confidence());
            }
        }
    }
}
