package dev.switchboard.contracts.bus;

/**
 * The prompt's embedding as routing computed it, handed to the proxy with the decision so that the response cache
 * looks the prompt up without a second inference. In-process only: never written to an event.
 *
 * @param modelId the embedding model; vectors of different models are never compared
 * @param vector  the unit vector
 */
public record PromptEmbedding(String modelId, float[] vector) {
}
