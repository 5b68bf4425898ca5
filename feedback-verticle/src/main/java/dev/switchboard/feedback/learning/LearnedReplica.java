package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.feedback.kafka.VertxTopicReader;
import dev.switchboard.selection.learning.Learner;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of the learned model: follows the compacted learned-state topic from its beginning (the
 * newest record of every entry, then each change as the fold publishes it), into a {@link LearningState}, and hands
 * the routers a {@link LearnedState} at most every publish interval. Every instance reads the same records in the
 * same order (one partition), so every instance routes on the same model. Deploy it as a worker verticle: following
 * a change and freezing a state for the routers are CPU work that should not sit on an event loop.
 */
public final class LearnedReplica extends VerticleBase {

    private static final Logger LOGGER = LoggerFactory.getLogger(LearnedReplica.class);

    private final String bootstrapServers;
    private final String topic;
    private final LearningState mirror;
    private final Consumer<LearnedState> publish;
    private final Duration publishInterval;
    private VertxTopicReader reader;
    private long timer;
    private boolean changed;
    private volatile long nextOffset;

    public LearnedReplica(String bootstrapServers, String topic, LearningState mirror, Consumer<LearnedState> publish,
            Duration publishInterval) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.mirror = mirror;
        this.publish = publish;
        this.publishInterval = publishInterval;
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(publishInterval.toMillis(), id -> publishIfChanged());
        return VertxTopicReader.open(vertx, bootstrapServers, topic, (partition, end) -> 0L, this::follow)
                .onSuccess(opened -> reader = opened);
    }

    private void follow(KafkaConsumerRecord<String, String> record) {
        try {
            mirror.follow(record.key(), record.value());
            // A publication ends with its meta entry: only then is there a whole one to hand the routers.
            changed |= LearnedModel.META_KEY.equals(record.key());
        } catch (RuntimeException bad) {
            LOGGER.atWarn().setMessage("learned_state_record_skipped").addKeyValue("offset", record.offset())
                    .addKeyValue("error", bad.toString()).log();
        }
        nextOffset = record.offset() + 1;
    }

    private void publishIfChanged() {
        if (changed) {
            changed = false;
            publish.accept(mirror.snapshot());
        }
    }

    /** Hands the routers what has been followed so far, now rather than at the next tick (start-up's ready). */
    public Future<Void> publishNow() {
        // On the replica's context, as its records are: the mirror is never read while it is being changed.
        Promise<Void> published = Promise.promise();
        context.runOnContext(v -> {
            changed = false;
            publish.accept(mirror.snapshot());
            published.complete();
        });
        return published.future();
    }

    /** The offset after the last record followed: where this replica stands in the learned-state topic. */
    public long nextOffset() {
        return nextOffset;
    }

    /** New learners (a reload changed their settings): the fold's next save of them is restored into these. */
    public void replaceLearners(Map<String, Learner> learners) {
        if (!learners.isEmpty() && context != null) {
            context.runOnContext(v -> learners.forEach(mirror::replaceLearner));
        }
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return reader == null ? Future.succeededFuture() : reader.close();
    }
}
