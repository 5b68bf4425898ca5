package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code routing.signals}: the signal rules Switchboard computes for a request, by family. Decision conditions refer
 * to a rule by family type and name, e.g. {@code {type: keyword, name: code_keywords}}.
 *
 * @param keywords      keyword and regular-expression rules
 * @param embeddings    example-phrase similarity rules
 * @param context       token-count ranges
 * @param language      detected-language rules (the rule name is the ISO 639-1 code)
 * @param domains       the prompt's subject
 * @param complexity    hard/medium/easy from hard and easy examples
 * @param structure     features of the latest user turn's text
 * @param conversation  features of the request's messages and tools
 * @param userFeedbacks the latest user turn judges the previous answer
 * @param factCheck     the prompt asks for checkable facts
 * @param jailbreak     prompt-injection attempts
 * @param pii           personal data in the prompt
 * @param reasks        the user repeating the previous turns
 * @param preferences   response-style preferences
 * @param roleBindings  the caller's role, from a gateway's identity headers
 * @param metadata      pairs of the body's metadata
 * @param events        machine-event payloads by type, severity, action code and urgency
 * @param modality      the output the prompt asks for: text ({@code AR}), an image ({@code DIFFUSION}) or both
 * @param inputModality the kinds of input the user messages carry (text, image, audio, video)
 */
public record SignalsConfig(
        List<KeywordSignal> keywords,
        List<EmbeddingSignal> embeddings,
        List<ContextSignal> context,
        List<LanguageSignal> language,
        List<DomainSignal> domains,
        List<ComplexitySignal> complexity,
        List<FeatureSignal> structure,
        List<FeatureSignal> conversation,
        @JsonProperty("user_feedbacks") List<ExampleClassSignal> userFeedbacks,
        @JsonProperty("fact_check") List<ExampleClassSignal> factCheck,
        List<JailbreakSignal> jailbreak,
        List<PiiSignal> pii,
        List<ReaskSignal> reasks,
        List<PreferenceSignal> preferences,
        @JsonProperty("role_bindings") List<RoleBindingSignal> roleBindings,
        List<MetadataSignal> metadata,
        List<EventSignal> events,
        List<ExampleClassSignal> modality,
        @JsonProperty("input_modality") List<InputModalitySignal> inputModality) {

    /** Condition types, as decisions name them. */
    public static final String KEYWORD = "keyword";
    public static final String EMBEDDING = "embedding";
    public static final String CONTEXT = "context";
    public static final String LANGUAGE = "language";
    public static final String DOMAIN = "domain";
    public static final String COMPLEXITY = "complexity";
    public static final String STRUCTURE = "structure";
    public static final String CONVERSATION = "conversation";
    public static final String USER_FEEDBACK = "user_feedback";
    public static final String FACT_CHECK = "fact_check";
    public static final String JAILBREAK = "jailbreak";
    public static final String PII = "pii";
    public static final String REASK = "reask";
    public static final String PREFERENCE = "preference";
    public static final String AUTHZ = "authz";
    public static final String METADATA = "metadata";
    public static final String EVENT = "event";
    public static final String MODALITY = "modality";
    public static final String INPUT_MODALITY = "input_modality";

    public SignalsConfig {
        keywords = Lists.immutable(keywords);
        embeddings = Lists.immutable(embeddings);
        context = Lists.immutable(context);
        language = Lists.immutable(language);
        domains = Lists.immutable(domains);
        complexity = Lists.immutable(complexity);
        structure = Lists.immutable(structure);
        conversation = Lists.immutable(conversation);
        userFeedbacks = Lists.immutable(userFeedbacks);
        factCheck = Lists.immutable(factCheck);
        jailbreak = Lists.immutable(jailbreak);
        pii = Lists.immutable(pii);
        reasks = Lists.immutable(reasks);
        preferences = Lists.immutable(preferences);
        roleBindings = Lists.immutable(roleBindings);
        metadata = Lists.immutable(metadata);
        events = Lists.immutable(events);
        modality = Lists.immutable(modality);
        inputModality = Lists.immutable(inputModality);
    }

    /** No rules at all. */
    public static SignalsConfig none() {
        return new SignalsConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
