package dev.switchboard.selection.mlp;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code mlp} (or the reference's {@code ml.mlp}): a small neural network over the prompt embedding that predicts,
 * for each model, whether it is the right one, trained online from the feedback stream.
 *
 * @param hiddenUnits    width of the one hidden layer (ReLU); 64 by default
 * @param learningRate   step of each gradient update; 0.05 by default
 * @param seed           seed of the hidden layer's initial weights (every instance uses the same); 42 by default
 * @param device         the reference's inference device; accepted and ignored (Switchboard's network is small
 *                       enough for the CPU it routes on)
 * @param pretrainedPath the reference's offline-trained artefact; accepted and ignored with a warning
 */
public record MlpSettings(
        @JsonProperty("hidden_units") Integer hiddenUnits,
        @JsonProperty("learning_rate") Double learningRate,
        Long seed,
        String device,
        @JsonProperty("pretrained_path") String pretrainedPath) {

    public MlpSettings {
        hiddenUnits = hiddenUnits == null ? 64 : hiddenUnits;
        learningRate = learningRate == null ? 0.05 : learningRate;
        seed = seed == null ? 42L : seed;
    }
}
