package dev.switchboard.feedback;

import dev.switchboard.contracts.config.KafkaConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Writes decisions and outcomes to Kafka and turns the feedback stream into learned state for the router.
 */
public final class FeedbackVerticle extends VerticleBase {

    private final KafkaConfig config;

    public FeedbackVerticle(KafkaConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        return Future.succeededFuture(config);
    }
}
