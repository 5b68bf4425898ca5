package dev.switchboard.selection.learning;


/**
 * A learned model fitted on the vectors of one embedding model: a router with another embedding model must not use
 * it (its prompts' vectors live in another space), and ignores it.
 */
public interface EmbeddingBound {

    /** The embedding model whose vectors it was fitted on; null before any feedback. */
    String embeddingModel();
}
