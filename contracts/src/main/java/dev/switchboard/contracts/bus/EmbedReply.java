package dev.switchboard.contracts.bus;

import java.util.Collections;
import java.util.List;

/**
 * Reply to an {@link EmbedRequest}.
 *
 * @param modelId   identifies the model (and Matryoshka settings) the vectors come from; vectors of different ids
 *                  are not comparable
 * @param dimension length of every vector
 * @param vectors   one L2-normalised vector per requested text, in request order; treat as read-only
 * @param fragmentation per text, the share of its word pieces the model's vocabulary does not cover (unknown tokens
 *                  and lone letters), in [0, 1]: near 1 for a script the model was not trained on, whose vector
 *                  then means little
 */
public record EmbedReply(String modelId, int dimension, List<float[]> vectors, List<Double> fragmentation) {

    public EmbedReply {
        vectors = List.copyOf(vectors);
        fragmentation = fragmentation == null ? Collections.nCopies(vectors.size(), 0.0)
                : List.copyOf(fragmentation);
    }

    /** Vectors of texts the model covers. */
    public EmbedReply(String modelId, int dimension, List<float[]> vectors) {
        this(modelId, dimension, vectors, null);
    }
}
