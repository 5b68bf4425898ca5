package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of {@code routing.signals.domains[]}: the prompt's subject, as the router's domain classifier names it.
 * The classifier knows the 14 MMLU-Pro categories from the project's example bank; a domain without
 * {@code mmlu_categories} whose name is one of them stands for that category, and any other domain is a category of
 * its own, described by its {@code description} and {@code examples}.
 *
 * @param name            rule name referenced by conditions of type {@code domain}
 * @param description     what the domain covers; for a custom domain, one of its examples
 * @param mmluCategories  the classifier's categories this domain stands for; empty for the rule above
 * @param examples        example prompts of a custom domain (or more prompts for a built-in one)
 */
public record DomainSignal(
        String name,
        String description,
        @JsonProperty("mmlu_categories") List<String> mmluCategories,
        List<String> examples) {

    /** The categories of the project's domain bank: MMLU-Pro's 14, as the reference's classifier names them. */
    public static final List<String> MMLU_CATEGORIES = List.of("biology", "business", "chemistry",
            "computer science", "economics", "engineering", "health", "history", "law", "math", "other", "philosophy",
            "physics", "psychology");

    public DomainSignal {
        mmluCategories = Lists.immutable(mmluCategories);
        examples = Lists.immutable(examples);
    }

    /** The classifier labels this domain stands for: its MMLU categories, else its own name. */
    public Set<String> labels() {
        return mmluCategories.isEmpty() ? Set.of(name) : Set.copyOf(mmluCategories);
    }

    /**
     * The labels the domain classifier of these rules knows: the bank's categories and the custom domains' names;
     * empty without rules (no classifier runs).
     */
    public static Set<String> classifierLabels(List<DomainSignal> rules) {
        if (rules.isEmpty()) {
            return Set.of();
        }
        Set<String> labels = new TreeSet<>(MMLU_CATEGORIES);
        rules.forEach(rule -> labels.addAll(rule.labels()));
        return Collections.unmodifiableSet(labels);
    }
}
