package dev.switchboard.contracts.config;

import java.util.List;

/**
 * {@code routing.signals}: the signal rules Switchboard computes for a request, by family. Decision conditions refer
 * to a rule by family type and name, e.g. {@code {type: keyword, name: code_keywords}}.
 *
 * @param keywords   keyword and regular-expression rules
 * @param embeddings example-phrase similarity rules
 * @param context    token-count ranges
 * @param language   detected-language rules (the rule name is the ISO 639-1 code)
 */
public record SignalsConfig(
        List<KeywordSignal> keywords,
        List<EmbeddingSignal> embeddings,
        List<ContextSignal> context,
        List<LanguageSignal> language) {

    public SignalsConfig {
        keywords = Lists.immutable(keywords);
        embeddings = Lists.immutable(embeddings);
        context = Lists.immutable(context);
        language = Lists.immutable(language);
    }
}
