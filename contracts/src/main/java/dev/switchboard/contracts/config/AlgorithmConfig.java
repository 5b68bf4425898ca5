package dev.switchboard.contracts.config;

import java.util.Map;
import java.util.Optional;

/**
 * {@code routing.decisions[].algorithm}: which selection algorithm picks one of the decision's candidates, and the
 * blocks that configure it, e.g. {@code {type: multi_factor, multi_factor: {weights: {...}, slo: {...}}}}.
 *
 * <p>The blocks are bound by the algorithm plugins installed ({@link AlgorithmPlugin}): each present block into its
 * plugin's settings record, and the block of {@code type}, when absent, from an empty mapping (the plugin's
 * defaults). Blocks of other types are kept (bound and checked, so a typo in them is still an error) and ignored
 * with a warning unless the algorithm builds on them ({@code session_aware}'s base).
 *
 * @param type     the algorithm type; {@value #DEFAULT_TYPE} when the decision has no algorithm
 * @param settings the bound settings of {@code type}; null when no plugin serves the type (a validation error) or
 *                 for {@link #DEFAULT}, whose plugin then uses its defaults
 * @param blocks   every block present in the file, bound, by the path it is written at ({@code knn}, {@code ml.knn})
 */
public record AlgorithmConfig(String type, Object settings, Map<String, Block> blocks) {

    /** The key that names the algorithm in the mapping. */
    public static final String TYPE_KEY = "type";

    /** The algorithm of a decision that names none: the highest-weighted candidate, the reference's default. */
    public static final String DEFAULT_TYPE = "static";

    /** {@code {type: static}}, the algorithm of a decision without one. */
    public static final AlgorithmConfig DEFAULT = new AlgorithmConfig(DEFAULT_TYPE, null, Map.of());

    public AlgorithmConfig {
        type = type == null ? DEFAULT_TYPE : type;
        blocks = Map.copyOf(blocks);
    }

    /** The settings of this algorithm as its plugin's record; empty for {@link #DEFAULT} or an unserved type. */
    public <S> Optional<S> settings(Class<S> as) {
        return as.isInstance(settings) ? Optional.of(as.cast(settings)) : Optional.empty();
    }

    /** The bound block of an algorithm type, when the file has one (a base algorithm's settings). */
    public Optional<Object> block(String algorithmType) {
        return blocks.values().stream().filter(b -> b.type().equals(algorithmType)).map(Block::settings).findFirst();
    }

    /**
     * One block of the mapping, bound.
     *
     * @param type     the algorithm type whose plugin owns the block
     * @param settings the plugin's settings record
     */
    public record Block(String type, Object settings) {
    }
}
