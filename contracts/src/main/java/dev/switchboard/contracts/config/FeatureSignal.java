package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code routing.signals.structure[]} (features of the latest user turn's text) or
 * {@code routing.signals.conversation[]} (features of the request's messages and tools): a measured feature and a
 * numeric predicate on it.
 *
 * <pre>
 * - name: many_questions
 *   feature: {type: count, source: {type: regex, pattern: '[?？]'}}
 *   predicate: {gte: 4}
 * </pre>
 *
 * @param name        rule name referenced by conditions of type {@code structure} or {@code conversation}
 * @param description free text; nullable
 * @param feature     what is measured
 * @param predicate   the test on the measured value; absent means "greater than 0" (for {@code exists}, "found")
 */
public record FeatureSignal(
        String name,
        String description,
        Feature feature,
        NumericPredicate predicate) {

    /** Feature types. */
    public static final String COUNT = "count";
    public static final String EXISTS = "exists";
    public static final String DENSITY = "density";
    public static final String SEQUENCE = "sequence";
    public static final List<String> FEATURE_TYPES = List.of(COUNT, EXISTS, DENSITY, SEQUENCE);

    /**
     * @param type   {@code count} (occurrences), {@code exists} (1 when found), {@code density} (occurrences per
     *               text unit: a word, or a CJK character), {@code sequence} (1 when the source's words occur in
     *               order)
     * @param source what is counted
     */
    public record Feature(String type, Source source) {
    }

    /**
     * What a feature counts. Structure sources: {@code regex} ({@code pattern}), {@code keyword_set}
     * ({@code keywords}), {@code sequence} ({@code sequences}), {@code text_bytes} (UTF-8 bytes). Conversation
     * sources: {@code message} ({@code role}: user, assistant, system, developer, tool or non_user),
     * {@code tool_definition}, {@code assistant_tool_call}, {@code assistant_tool_cycle}, {@code tool_choice_required}, {@code tool_choice_none}, {@code active_tool_loop},
     * {@code image_content}, {@code flow_tool_state}.
     */
    public record Source(
            String type,
            String pattern,
            List<String> keywords,
            List<List<String>> sequences,
            @JsonProperty("case_sensitive") Boolean caseSensitive,
            String role) {

        public Source {
            keywords = Lists.immutable(keywords);
            sequences = sequences == null ? List.of() : sequences.stream().map(Lists::immutable).toList();
            caseSensitive = caseSensitive != null && caseSensitive;
        }
    }

    /** Whether the measured value passes the rule's predicate (without one: whether it is above 0). */
    public boolean holds(double value) {
        return predicate == null ? value > 0 : predicate.test(value);
    }

    /** Bounds on a measured value; every present bound must hold. */
    public record NumericPredicate(Double gt, Double gte, Double lt, Double lte) {

        public boolean test(double value) {
            return (gt == null || value > gt) && (gte == null || value >= gte) && (lt == null || value < lt)
                    && (lte == null || value <= lte);
        }
    }
}
