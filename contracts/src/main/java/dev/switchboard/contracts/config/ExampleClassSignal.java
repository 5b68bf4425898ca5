package dev.switchboard.contracts.config;

import java.util.List;

/**
 * One entry of {@code routing.signals.user_feedbacks[]}, {@code routing.signals.fact_check[]} or
 * {@code routing.signals.modality[]}: the latest user message is of the named class. The classes of the project's
 * example bank are the reference detector's ({@code satisfied}, {@code need_clarification}, {@code wrong_answer},
 * {@code want_different}; {@code needs_fact_check}, {@code no_fact_check_needed}; {@code AR}, {@code DIFFUSION},
 * {@code BOTH}); a rule with another name needs {@code examples}.
 *
 * @param name        rule name referenced by conditions of type {@code user_feedback}, {@code fact_check} or
 *                    {@code modality}; the class it matches
 * @param description free text; nullable
 * @param examples    more example messages of the class; for a class of the bank, added to its examples
 * @param threshold   the least share of the nearest examples that must be of the class, in [0, 1]; 0.5 when absent
 */
public record ExampleClassSignal(
        String name,
        String description,
        List<String> examples,
        Double threshold) {

    public static final double DEFAULT_THRESHOLD = 0.5;
    /** The user-feedback classes of the project's bank. */
    public static final List<String> FEEDBACK_CLASSES = List.of("satisfied", "need_clarification", "wrong_answer",
            "want_different");
    /** The fact-check classes of the project's bank. */
    public static final List<String> FACT_CHECK_CLASSES = List.of("needs_fact_check", "no_fact_check_needed");
    /** Text generation, the class of a prompt near no image example. */
    public static final String TEXT_OUTPUT = "AR";
    /** The output-modality classes of the project's bank: text, an image, or both. */
    public static final List<String> MODALITY_CLASSES = List.of(TEXT_OUTPUT, "DIFFUSION", "BOTH");

    public ExampleClassSignal {
        examples = Lists.immutable(examples);
        threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
    }
}
