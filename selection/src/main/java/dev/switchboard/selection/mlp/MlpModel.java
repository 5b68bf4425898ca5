package dev.switchboard.selection.mlp;

import dev.switchboard.selection.learning.EmbeddingBound;
import dev.switchboard.selection.learning.LinearHeads;

/**
 * What the MLP has fitted, immutable: the hidden layer {@code h = relu(W x + c)} and one head per model over it.
 *
 * @param embeddingModel the embedding model it was fitted on; null before any feedback
 * @param inputs         the prompt vector's length
 * @param hiddenWeights  {@code W}, row by row (hidden unit by hidden unit)
 * @param hiddenBias     {@code c}
 * @param heads          the output heads over the hidden layer
 * @param examples       how many exemplars it has learned
 */
public record MlpModel(String embeddingModel, int inputs, float[] hiddenWeights, float[] hiddenBias,
        LinearHeads.Frozen heads, long examples) implements EmbeddingBound {

    static final MlpModel UNTRAINED = new MlpModel(null, 0, new float[0], new float[0], LinearHeads.Frozen.UNTRAINED,
            0);

    /** The hidden layer's activations for a prompt vector. */
    float[] hidden(float[] x) {
        return MlpLearner.hidden(x, inputs, hiddenWeights, hiddenBias);
    }
}
