package dev.switchboard.contracts.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks of the signal families the reference backs with classifiers and request features (domains, complexity,
 * structure, conversation, user feedback, fact check, jailbreak, PII, re-asks, preferences), and the names their
 * conditions may use. The older families (keywords, embeddings, context, language) stay in {@link ConfigValidator}.
 */
final class SignalFamilyChecks {

    private static final String BASE = "routing.signals.";
    private static final List<String> STRUCTURE_SOURCES = List.of("regex", "keyword_set", "sequence", "text_bytes");
    static final List<String> CONVERSATION_SOURCES = List.of("message", "tool_definition", "assistant_tool_call",
            "assistant_tool_cycle", "tool_choice_required",
            "tool_choice_none", "active_tool_loop", "image_content", "flow_tool_state");
    static final List<String> MESSAGE_ROLES = List.of("user", "assistant", "system", "developer", "tool", "non_user");
    private static final List<String> JAILBREAK_METHODS = List.of("classifier", "contrastive", "hybrid");

    private final ConfigChecks checks;
    private final Map<String, Set<String>> names = new HashMap<>();

    private SignalFamilyChecks(ConfigChecks checks) {
        this.checks = checks;
    }

    /** Checks the families and returns, per condition type, the names its conditions may use. */
    static Map<String, Set<String>> check(SignalsConfig signals, ConfigChecks checks) {
        SignalFamilyChecks families = new SignalFamilyChecks(checks);
        families.domains(signals.domains());
        families.complexity(signals.complexity());
        families.features(SignalsConfig.STRUCTURE, "structure", signals.structure(), STRUCTURE_SOURCES);
        families.features(SignalsConfig.CONVERSATION, "conversation", signals.conversation(), CONVERSATION_SOURCES);
        families.exampleClasses(SignalsConfig.USER_FEEDBACK, "user_feedbacks", signals.userFeedbacks(),
                ExampleClassSignal.FEEDBACK_CLASSES);
        families.exampleClasses(SignalsConfig.FACT_CHECK, "fact_check", signals.factCheck(),
                ExampleClassSignal.FACT_CHECK_CLASSES);
        families.jailbreak(signals.jailbreak());
        families.pii(signals.pii());
        families.reasks(signals.reasks());
        families.preferences(signals.preferences());
        families.roleBindings(signals.roleBindings());
        families.metadata(signals.metadata());
        families.exampleClasses(SignalsConfig.MODALITY, "modality", signals.modality(),
                ExampleClassSignal.MODALITY_CLASSES);
        families.events(signals.events());
        families.inputModality(signals.inputModality());
        return Map.copyOf(families.names);
    }

    private void domains(List<DomainSignal> rules) {
        names.put(SignalsConfig.DOMAIN, names("domains", rules, DomainSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            DomainSignal rule = rules.get(i);
            String path = BASE + "domains[" + i + "]";
            if (rule == null || rule.name() == null) {
                continue;
            }
            for (int k = 0; k < rule.mmluCategories().size(); k++) {
                checks.oneOf(path + ".mmlu_categories[" + k + "]", rule.mmluCategories().get(k),
                        DomainSignal.MMLU_CATEGORIES);
            }
            boolean builtIn = !rule.mmluCategories().isEmpty() || DomainSignal.MMLU_CATEGORIES.contains(rule.name());
            boolean described = rule.description() != null && !rule.description().isBlank();
            if (!builtIn && !described && rule.examples().isEmpty()) {
                checks.error(path, "a domain that is not one of " + DomainSignal.MMLU_CATEGORIES + " and names no "
                        + "mmlu_categories needs a description or examples to be recognised by");
            }
            strings(path + ".examples", rule.examples());
        }
    }

    private void complexity(List<ComplexitySignal> rules) {
        Set<String> levels = new HashSet<>();
        for (String name : names("complexity", rules, ComplexitySignal::name)) {
            ComplexitySignal.LEVELS.forEach(level -> levels.add(name + ":" + level));
        }
        names.put(SignalsConfig.COMPLEXITY, levels);
        for (int i = 0; i < rules.size(); i++) {
            ComplexitySignal rule = rules.get(i);
            String path = BASE + "complexity[" + i + "]";
            if (rule == null) {
                continue;
            }
            checks.nonEmpty(path + ".hard.candidates", rule.hard().candidates());
            checks.nonEmpty(path + ".easy.candidates", rule.easy().candidates());
            strings(path + ".hard.candidates", rule.hard().candidates());
            strings(path + ".easy.candidates", rule.easy().candidates());
            checks.inRange(path + ".threshold", rule.threshold(), 0, 2);
            checks.inRange(path + ".hard_above", rule.hardAbove(), -2, 2);
            checks.inRange(path + ".easy_below", rule.easyBelow(), -2, 2);
            if (rule.easyBound() > rule.hardBound()) {
                checks.error(path, "the easy bound (" + rule.easyBound() + ") is above the hard bound ("
                        + rule.hardBound() + ")");
            }
        }
    }

    private void features(String type, String family, List<FeatureSignal> rules, List<String> sources) {
        names.put(type, names(family, rules, FeatureSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            FeatureSignal rule = rules.get(i);
            String path = BASE + family + "[" + i + "]";
            if (rule == null) {
                continue;
            }
            if (rule.feature() == null) {
                checks.error(path + ".feature", "missing; expected {type, source}");
                continue;
            }
            checks.required(path + ".feature.type", rule.feature().type());
            checks.oneOf(path + ".feature.type", rule.feature().type(), FeatureSignal.FEATURE_TYPES);
            FeatureSignal.Source source = rule.feature().source();
            if (source == null) {
                checks.error(path + ".feature.source", "missing; expected {type: one of " + sources + "}");
                continue;
            }
            String at = path + ".feature.source";
            if (!checks.required(at + ".type", source.type()) || !checks.oneOf(at + ".type", source.type(), sources)) {
                continue;
            }
            switch (source.type()) {
                case "regex" -> regex(at + ".pattern", source.pattern());
                case "keyword_set" -> {
                    checks.nonEmpty(at + ".keywords", source.keywords());
                    strings(at + ".keywords", source.keywords());
                }
                case "sequence" -> {
                    checks.nonEmpty(at + ".sequences", source.sequences());
                    for (int s = 0; s < source.sequences().size(); s++) {
                        checks.nonEmpty(at + ".sequences[" + s + "]", source.sequences().get(s));
                        strings(at + ".sequences[" + s + "]", source.sequences().get(s));
                    }
                }
                case "flow_tool_state" -> checks.warn(at + ".type", "the reference's Router Flow continuation state is "
                        + "not tracked; the count is always 0");
                case "message" -> {
                    if (checks.required(at + ".role", source.role())) {
                        checks.oneOf(at + ".role", source.role(), MESSAGE_ROLES);
                    }
                }
                default -> {
                }
            }
        }
    }

    private void exampleClasses(String type, String family, List<ExampleClassSignal> rules, List<String> classes) {
        names.put(type, names(family, rules, ExampleClassSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            ExampleClassSignal rule = rules.get(i);
            String path = BASE + family + "[" + i + "]";
            if (rule == null || rule.name() == null) {
                continue;
            }
            if (!classes.contains(rule.name()) && rule.examples().isEmpty()) {
                checks.error(path + ".examples", "'" + rule.name() + "' is not a class of the built-in detector "
                        + classes + "; give examples of it");
            }
            strings(path + ".examples", rule.examples());
            checks.inRange(path + ".threshold", rule.threshold(), 0, 1);
        }
    }

    private void jailbreak(List<JailbreakSignal> rules) {
        names.put(SignalsConfig.JAILBREAK, names("jailbreak", rules, JailbreakSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            JailbreakSignal rule = rules.get(i);
            String path = BASE + "jailbreak[" + i + "]";
            if (rule == null) {
                continue;
            }
            checks.oneOf(path + ".method", rule.method(), JAILBREAK_METHODS);
            checks.inRange(path + ".threshold", rule.threshold(), 0, 1);
            strings(path + ".jailbreak_patterns", rule.jailbreakPatterns());
            strings(path + ".benign_patterns", rule.benignPatterns());
            if (checks.oneOf(path + ".direction", rule.direction(),
                    List.of(JailbreakSignal.DIRECTION_PROMPT, JailbreakSignal.DIRECTION_RESPONSE))
                    && JailbreakSignal.DIRECTION_RESPONSE.equals(rule.direction())) {
                checks.warn(path + ".direction", "response rules score the model's answer, which the router does not "
                        + "see before it decides; this rule never matches");
            }
        }
    }

    private void pii(List<PiiSignal> rules) {
        names.put(SignalsConfig.PII, names("pii", rules, PiiSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            PiiSignal rule = rules.get(i);
            String path = BASE + "pii[" + i + "]";
            if (rule == null) {
                continue;
            }
            checks.inRange(path + ".threshold", rule.threshold(), 0, 1);
            for (int k = 0; k < rule.piiTypesAllowed().size(); k++) {
                checks.required(path + ".pii_types_allowed[" + k + "]", rule.piiTypesAllowed().get(k));
            }
        }
    }

    private void reasks(List<ReaskSignal> rules) {
        names.put(SignalsConfig.REASK, names("reasks", rules, ReaskSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            ReaskSignal rule = rules.get(i);
            String path = BASE + "reasks[" + i + "]";
            if (rule != null) {
                checks.inRange(path + ".threshold", rule.threshold(), 0, 1);
                checks.inRange(path + ".lookback_turns", rule.lookbackTurns(), 1, ReaskSignal.MAX_LOOKBACK_TURNS);
            }
        }
    }

    private void preferences(List<PreferenceSignal> rules) {
        names.put(SignalsConfig.PREFERENCE, names("preferences", rules, PreferenceSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            PreferenceSignal rule = rules.get(i);
            String path = BASE + "preferences[" + i + "]";
            if (rule == null) {
                continue;
            }
            if (rule.examples().isEmpty() && (rule.description() == null || rule.description().isBlank())) {
                checks.error(path + ".examples", "must not be empty (or give a description to compare with)");
            }
            strings(path + ".examples", rule.examples());
            checks.inRange(path + ".threshold", rule.threshold(), -1, 1);
        }
    }

    private void roleBindings(List<RoleBindingSignal> rules) {
        Set<String> names = new HashSet<>(names("role_bindings", rules, RoleBindingSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            RoleBindingSignal rule = rules.get(i);
            String path = BASE + "role_bindings[" + i + "]";
            if (rule == null) {
                continue;
            }
            if (rule.role() != null && !rule.role().isBlank()) {
                names.add(rule.role());
            }
            checks.nonEmpty(path + ".subjects", rule.subjects());
            for (int k = 0; k < rule.subjects().size(); k++) {
                RoleBindingSignal.Subject subject = rule.subjects().get(k);
                String at = path + ".subjects[" + k + "]";
                if (subject == null) {
                    checks.error(at, "empty entry; expected {kind: User|Group, name}");
                    continue;
                }
                if (checks.required(at + ".kind", subject.kind())) {
                    checks.oneOf(at + ".kind", subject.kind(), List.of(RoleBindingSignal.USER, RoleBindingSignal.GROUP));
                }
                checks.required(at + ".name", subject.name());
            }
        }
        this.names.put(SignalsConfig.AUTHZ, names);
    }

    private void metadata(List<MetadataSignal> rules) {
        names.put(SignalsConfig.METADATA, names("metadata", rules, MetadataSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            MetadataSignal rule = rules.get(i);
            String path = BASE + "metadata[" + i + "]";
            if (rule == null) {
                continue;
            }
            checks.required(path + ".key", rule.key());
            if (rule.predicate() == null) {
                checks.error(path + ".predicate", "missing; expected {equals: <value>}");
            } else if (rule.predicate().equals() == null) {
                checks.error(path + ".predicate.equals", "missing; the value the key must have is required");
            }
        }
    }

    private void events(List<EventSignal> rules) {
        names.put(SignalsConfig.EVENT, names("events", rules, EventSignal::name));
        for (int i = 0; i < rules.size(); i++) {
            EventSignal rule = rules.get(i);
            String path = BASE + "events[" + i + "]";
            if (rule == null) {
                continue;
            }
            strings(path + ".event_types", rule.eventTypes());
            strings(path + ".severities", rule.severities());
            strings(path + ".action_codes", rule.actionCodes());
            if (rule.criteria() == 0) {
                checks.error(path, "no criterion; give event_types, severities, action_codes or temporal: true");
            }
        }
    }

    private void inputModality(List<InputModalitySignal> rules) {
        names.put(SignalsConfig.INPUT_MODALITY, names("input_modality", rules, InputModalitySignal::name));
        for (int i = 0; i < rules.size(); i++) {
            InputModalitySignal rule = rules.get(i);
            String path = BASE + "input_modality[" + i + "]";
            if (rule != null && checks.required(path + ".modality", rule.modality())) {
                checks.oneOf(path + ".modality", rule.modality(), InputModalitySignal.MODALITIES);
            }
        }
    }

    private void regex(String path, String pattern) {
        if (!checks.required(path, pattern)) {
            return;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            checks.error(path, "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private void strings(String path, List<String> values) {
        for (int k = 0; k < values.size(); k++) {
            checks.required(path + "[" + k + "]", values.get(k));
        }
    }

    private <T> Set<String> names(String family, List<T> rules, Function<T, String> name) {
        return checks.ruleNames(BASE + family, rules, name);
    }
}
