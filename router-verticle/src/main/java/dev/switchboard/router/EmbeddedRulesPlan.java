package dev.switchboard.router;

import dev.switchboard.contracts.config.ComplexitySignal;
import dev.switchboard.contracts.config.EmbeddingSignal;
import dev.switchboard.contracts.config.ExampleClassSignal;
import dev.switchboard.contracts.config.JailbreakSignal;
import dev.switchboard.contracts.config.PreferenceSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import dev.switchboard.router.signals.ComplexityRule;
import dev.switchboard.router.signals.DomainRules;
import dev.switchboard.router.signals.EmbeddedRules;
import dev.switchboard.router.signals.EmbeddingRule;
import dev.switchboard.router.signals.ExampleBanks;
import dev.switchboard.router.signals.ExampleClassRules;
import dev.switchboard.router.signals.ExampleVote;
import dev.switchboard.router.signals.JailbreakRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The texts a config's embedded signal rules need embedded (their examples, and the project's banks for the
 * families that use them), and the rules built from those texts' vectors. The texts are listed once, in a fixed
 * order; {@link #build} reads the vectors back in the same order.
 */
final class EmbeddedRulesPlan {

    private final SignalsConfig config;
    private final List<String> texts = new ArrayList<>();
    private final Map<String, List<String>> domainExamples;
    private final Map<String, List<String>> feedbackExamples;
    private final Map<String, List<String>> factCheckExamples;
    private final Map<String, List<String>> modalityExamples;
    private final List<Map<String, List<String>>> jailbreakExamples = new ArrayList<>();

    EmbeddedRulesPlan(SignalsConfig config) {
        this.config = config;
        config.embeddings().forEach(rule -> texts.addAll(rule.candidates()));
        config.preferences().forEach(rule -> texts.addAll(preferenceExamples(rule)));
        this.domainExamples = config.domains().isEmpty() ? Map.of()
                : add(DomainRules.examples(config.domains(), ExampleBanks.domains()));
        for (ComplexitySignal rule : config.complexity()) {
            texts.addAll(rule.hard().candidates());
            texts.addAll(rule.easy().candidates());
        }
        this.feedbackExamples = config.userFeedbacks().isEmpty() ? Map.of() : add(ExampleClassRules.examples(
                config.userFeedbacks(), ExampleBanks.family(ExampleBanks.USER_FEEDBACK)));
        this.factCheckExamples = config.factCheck().isEmpty() ? Map.of() : add(ExampleClassRules.examples(
                config.factCheck(), ExampleBanks.family(ExampleBanks.FACT_CHECK)));
        Map<String, List<String>> attackBank = config.jailbreak().isEmpty() ? Map.of()
                : ExampleBanks.family(ExampleBanks.JAILBREAK);
        for (JailbreakSignal rule : config.jailbreak()) {
            Map<String, List<String>> examples = new LinkedHashMap<>();
            examples.put(ExampleBanks.ATTACK, concat(attackBank.get(ExampleBanks.ATTACK), rule.jailbreakPatterns()));
            examples.put(ExampleBanks.BENIGN, concat(attackBank.get(ExampleBanks.BENIGN), rule.benignPatterns()));
            jailbreakExamples.add(add(examples));
        }
        this.modalityExamples = config.modality().isEmpty() ? Map.of() : add(ExampleClassRules.examples(
                config.modality(), ExampleBanks.family(ExampleBanks.MODALITY)));
    }

    List<String> texts() {
        return texts;
    }

    /** The rules, from the vectors of {@link #texts} in their order. */
    EmbeddedRules build(List<float[]> vectors) {
        Cursor cursor = new Cursor(vectors);
        List<EmbeddingRule> embeddings = new ArrayList<>();
        for (EmbeddingSignal rule : config.embeddings()) {
            embeddings.add(new EmbeddingRule(rule.name(), cursor.next(rule.candidates().size()), rule.threshold(),
                    "mean".equals(rule.aggregationMethod())));
        }
        List<EmbeddingRule> preferences = new ArrayList<>();
        for (PreferenceSignal rule : config.preferences()) {
            preferences.add(new EmbeddingRule(rule.name(), cursor.next(preferenceExamples(rule).size()),
                    rule.threshold(), false));
        }
        DomainRules domains = config.domains().isEmpty() ? null
                : DomainRules.of(config.domains(), cursor.labelled(domainExamples));
        List<ComplexityRule> complexity = new ArrayList<>();
        for (ComplexitySignal rule : config.complexity()) {
            complexity.add(ComplexityRule.of(rule, cursor.next(rule.hard().candidates().size()),
                    cursor.next(rule.easy().candidates().size())));
        }
        ExampleClassRules feedback = config.userFeedbacks().isEmpty() ? null : ExampleClassRules.of(
                SignalsConfig.USER_FEEDBACK, config.userFeedbacks(), cursor.labelled(feedbackExamples),
                ExampleClassRules.FEEDBACK_FLOOR);
        ExampleClassRules factCheck = config.factCheck().isEmpty() ? null : ExampleClassRules.of(
                SignalsConfig.FACT_CHECK, config.factCheck(), cursor.labelled(factCheckExamples),
                ExampleClassRules.FACT_CHECK_FLOOR);
        List<JailbreakRule> jailbreak = new ArrayList<>();
        for (int i = 0; i < config.jailbreak().size(); i++) {
            jailbreak.add(JailbreakRule.of(config.jailbreak().get(i),
                    new ExampleVote(cursor.labelled(jailbreakExamples.get(i)), ExampleVote.DEFAULT_K,
                            JailbreakRule.FLOOR)));
        }
        ExampleClassRules modality = config.modality().isEmpty() ? null : ExampleClassRules.of(
                SignalsConfig.MODALITY, config.modality(), cursor.labelled(modalityExamples),
                ExampleClassRules.MODALITY_FLOOR, ExampleClassSignal.TEXT_OUTPUT);
        return new EmbeddedRules(embeddings, preferences, domains, complexity, feedback, factCheck, jailbreak,
                modality);
    }

    /** A preference's examples, or its description when it has none. */
    private static List<String> preferenceExamples(PreferenceSignal rule) {
        return rule.examples().isEmpty() ? List.of(rule.description()) : rule.examples();
    }

    private Map<String, List<String>> add(Map<String, List<String>> labelled) {
        labelled.values().forEach(texts::addAll);
        return labelled;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Reads the vectors back in the order their texts were added. */
    private static final class Cursor {
        private final List<float[]> vectors;
        private int next;

        Cursor(List<float[]> vectors) {
            this.vectors = vectors;
        }

        List<float[]> next(int count) {
            List<float[]> slice = List.copyOf(vectors.subList(next, next + count));
            next += count;
            return slice;
        }

        Map<String, List<float[]>> labelled(Map<String, List<String>> texts) {
            Map<String, List<float[]>> byLabel = new LinkedHashMap<>();
            texts.forEach((label, examples) -> byLabel.put(label, next(examples.size())));
            return byLabel;
        }
    }
}
