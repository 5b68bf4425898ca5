package dev.switchboard.selection.svm;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code svm} (or the reference's {@code ml.svm}): an online support vector machine per candidate, one against the
 * rest, over the prompt embedding and the cards' prior.
 *
 * @param kernel         {@code linear} (default) or {@code rbf} (random Fourier features approximate the kernel).
 *                       The reference's fragment writes rbf; Switchboard's default is linear because, learned online
 *                       from a quarter of the dev distribution's prompts, it routed better (0.89–0.92 against
 *                       0.87–0.90 for rbf at γ 1, docs/benchmarks.md)
 * @param gamma          the RBF kernel's width, {@code exp(-gamma·|x-y|²)}; 1.0 by default (the reference's)
 * @param features       random features for rbf; 512 by default
 * @param learningRate   Switchboard's: the step of each update; 0.05 by default
 * @param pretrainedPath the reference's offline-trained artefact; accepted and ignored with a warning
 */
public record SvmSettings(
        String kernel,
        Double gamma,
        Integer features,
        @JsonProperty("learning_rate") Double learningRate,
        @JsonProperty("pretrained_path") String pretrainedPath) {

    public static final String LINEAR = "linear";
    public static final String RBF = "rbf";

    public SvmSettings {
        kernel = kernel == null ? LINEAR : kernel;
        gamma = gamma == null ? 1.0 : gamma;
        features = features == null ? 512 : features;
        learningRate = learningRate == null ? 0.05 : learningRate;
    }
}
