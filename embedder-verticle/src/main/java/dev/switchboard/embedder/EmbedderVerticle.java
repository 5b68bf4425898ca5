package dev.switchboard.embedder;

import dev.switchboard.contracts.config.EmbeddingConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Turns texts into embedding vectors. Deployed as a worker ({@code ThreadingModel.WORKER}) because inference must
 * never run on an event loop; {@code start()} completes only when the model is loaded and warmed up.
 */
public final class EmbedderVerticle extends VerticleBase {

    private final EmbeddingConfig config;

    public EmbedderVerticle(EmbeddingConfig config) {
        this.config = config;
    }

    /** Whether a model is loaded and answering; reported as {@code embedding_ready} at start-up. */
    public boolean modelReady() {
        return false;
    }

    @Override
    public Future<?> start() {
        return Future.succeededFuture(config);
    }
}
