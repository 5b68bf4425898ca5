package dev.switchboard.selection;


/**
 * Chooses one candidate of a decision. Implementations are pure functions of their input, their typed config and
 * an immutable learned-state snapshot: they may be called from any event loop at once and never mutate anything.
 */
public interface SelectionAlgorithm {

    /**
     * @throws SelectionUnavailableException when the algorithm lacks what it needs (for instance a prompt
     *                                       embedding); the router then uses the decision's first candidate
     */
    Selection select(SelectionInput input) throws SelectionUnavailableException;

    /**
     * Whether it needs the prompt's embedding even when the config has no model cards or embedding signals (the
     * router then embeds every prompt of the decision).
     */
    default boolean usesPromptEmbedding() {
        return false;
    }
}
