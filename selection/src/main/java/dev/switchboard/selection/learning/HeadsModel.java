package dev.switchboard.selection.learning;

import dev.switchboard.selection.Exploration;

/**
 * What a {@link HeadsLearner} publishes: its heads and the embedding model whose vectors they read.
 *
 * @param embeddingModel the embedding model; null before any feedback
 * @param heads          the fitted heads
 * @param examples       how many exemplars it has learned: the evidence behind it
 */
public record HeadsModel(String embeddingModel, LinearHeads.Frozen heads, long examples) implements EmbeddingBound {

    /** Heads that have learned nothing: every logit is the prior. */
    public static final HeadsModel UNTRAINED = new HeadsModel(null, LinearHeads.Frozen.UNTRAINED, 0);

    /** The evidence for exploration. */
    public double evidence() {
        return Exploration.evidence(examples);
    }
}
