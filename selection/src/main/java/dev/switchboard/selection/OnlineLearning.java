package dev.switchboard.selection;

import dev.switchboard.contracts.config.ConfigChecks;

/** What the reference's offline-trained ML algorithms (knn, kmeans, svm, mlp) share in Switchboard's config. */
public final class OnlineLearning {

    /** The reference's shared block of its ML algorithms: {@code algorithm.ml.{knn,kmeans,svm,mlp}}. */
    public static final String REFERENCE_ML_BLOCK = "ml";

    private OnlineLearning() {
    }

    /** The reference's {@code pretrained_path} names a model file trained offline; Switchboard has none to read. */
    public static void warnIfPretrained(String pretrainedPath, ConfigChecks checks) {
        if (pretrainedPath != null) {
            checks.warn("pretrained_path", "ignored: Switchboard learns this algorithm online from the feedback "
                    + "topics and reads no trained artefact");
        }
    }
}
