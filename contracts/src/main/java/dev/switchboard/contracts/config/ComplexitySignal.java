package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code routing.signals.complexity[]}: how hard the prompt is, from its contrast between hard and easy
 * examples (the closest hard example's cosine minus the closest easy one's). The rule emits one of
 * {@code <name>:hard}, {@code <name>:medium} and {@code <name>:easy}, which conditions name.
 *
 * @param name        rule name; conditions name {@code <name>:<level>}
 * @param description free text; nullable
 * @param threshold   symmetric band: hard at or above it, easy at or below its negative; 0.1 when absent
 * @param hardAbove   explicit hard bound, instead of {@code threshold}
 * @param easyBelow   explicit easy bound, instead of {@code -threshold}
 * @param hard        examples of hard prompts
 * @param easy        examples of easy prompts
 */
public record ComplexitySignal(
        String name,
        String description,
        Double threshold,
        @JsonProperty("hard_above") Double hardAbove,
        @JsonProperty("easy_below") Double easyBelow,
        Examples hard,
        Examples easy) {

    public static final double DEFAULT_THRESHOLD = 0.1;
    public static final String HARD = "hard";
    public static final String MEDIUM = "medium";
    public static final String EASY = "easy";
    public static final List<String> LEVELS = List.of(EASY, MEDIUM, HARD);

    /** The example phrases of one side. */
    public record Examples(List<String> candidates) {
        public Examples {
            candidates = Lists.immutable(candidates);
        }
    }

    public ComplexitySignal {
        hard = hard == null ? new Examples(null) : hard;
        easy = easy == null ? new Examples(null) : easy;
    }

    /** The score at or above which a prompt is hard. */
    public double hardBound() {
        return hardAbove != null ? hardAbove : threshold != null ? threshold : DEFAULT_THRESHOLD;
    }

    /** The score at or below which a prompt is easy. */
    public double easyBound() {
        return easyBelow != null ? easyBelow : -(threshold != null ? threshold : DEFAULT_THRESHOLD);
    }
}
