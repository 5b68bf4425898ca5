package dev.switchboard.contracts.bus;

import java.util.List;

/**
 * Reply to an {@link EmbedRequest}.
 *
 * @param modelId   identifies the model (and Matryoshka settings) the vectors come from; vectors of different ids
 *                  are not comparable
 * @param dimension length of every vector
 * @param vectors   one L2-normalised vector per requested text, in request order; treat as read-only
 */
public record EmbedReply(String modelId, int dimension, List<float[]> vectors) {

    public EmbedReply {
        vectors = List.copyOf(vectors);
    }
}
