package dev.switchboard.feedback.learning;

import dev.switchboard.selection.learning.Learner;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fold: applies the ordered events of the {@code fold-input} topic (one partition, so one task in the whole
 * group) to a {@link LearningState}, writes each entry an event changes to the {@link #STORE} state store (whose
 * changelog is how the state survives a restart or a move to another instance), and every publish interval forwards
 * the entries changed since the last time to the learned-state topic, which every instance follows. All of it in the
 * task's exactly-once transaction: an event, the entries it changed and the input offset commit together or not at
 * all, so a broker or instance failure neither loses nor double-counts an event.
 */
final class FoldProcessor implements Processor<String, String, String, String> {

    static final String STORE = "learned-model";
    /**
     * Learners are saved (into the store and onto the topic) at most this often: a fitted head or network is tens
     * to hundreds of KB, against the few hundred bytes of the counters an event moves, and saving it at every
     * publication wrote megabytes a second under load. Counters and exemplars still go out every publication.
     */
    static final Duration LEARNER_SAVE_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOGGER = LoggerFactory.getLogger(FoldProcessor.class);

    private final Supplier<LearningState> freshState;
    private final Duration publishInterval;
    private final AtomicReference<Map<String, Learner>> replacedLearners;
    private final Set<String> unpublished = new LinkedHashSet<>();
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> store;
    private LearningState state;
    private long learnersSavedAt;

    /**
     * @param freshState       an empty state with the configured learners (a task may be created more than once)
     * @param replacedLearners learners a reload replaced, taken by the fold before its next event
     */
    FoldProcessor(Supplier<LearningState> freshState, Duration publishInterval,
            AtomicReference<Map<String, Learner>> replacedLearners) {
        this.freshState = freshState;
        this.publishInterval = publishInterval;
        this.replacedLearners = replacedLearners;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.state = freshState.get();
        long started = System.nanoTime();
        try (KeyValueIterator<String, String> all = store.all()) {
            state.restore(() -> entries(all));
        }
        write(state.takeChanged());
        // Everything once: what the store holds but the last publication had not sent yet is not known here.
        unpublished.addAll(state.keys());
        LOGGER.atInfo().setMessage("learning_fold_started").addKeyValue("version", state.version())
                .addKeyValue("entries", unpublished.size())
                .addKeyValue("restore_ms", (System.nanoTime() - started) / 1_000_000).log();
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish(now));
    }

    @Override
    public void process(Record<String, String> record) {
        takeReplacedLearners();
        try {
            state.apply(new JsonObject(record.value()));
        } catch (RuntimeException bad) {
            // Someone else's record on our topic, or a broken one: skipped, never fatal.
            LOGGER.atWarn().setMessage("learning_event_skipped").addKeyValue("error", bad.toString()).log();
        } finally {
            write(state.takeChanged());
        }
    }

    private void takeReplacedLearners() {
        Map<String, Learner> replaced = replacedLearners.getAndSet(null);
        if (replaced != null) {
            replaced.forEach(state::replaceLearner);
        }
    }

    private void write(List<String> keys) {
        for (String key : keys) {
            String value = state.entry(key);
            if (value == null) {
                store.delete(key);
            } else {
                store.put(key, value);
            }
            if (!LearnedModel.isFoldOnly(key)) {
                unpublished.add(key);
            }
        }
    }

    private void publish(long now) {
        takeReplacedLearners();
        if (now - learnersSavedAt >= LEARNER_SAVE_INTERVAL.toMillis()) {
            List<String> saved = state.saveLearners();
            if (!saved.isEmpty()) {
                write(saved);
                learnersSavedAt = now;
            }
        }
        write(state.takeChanged());
        if (unpublished.isEmpty()) {
            return;
        }
        // The meta entry last: a replica that has followed it has every change of this publication, so it hands the
        // routers whole publications, never half of one.
        unpublished.remove(LearnedModel.META_KEY);
        unpublished.add(LearnedModel.META_KEY);
        for (String key : unpublished) {
            context.forward(new Record<>(key, store.get(key), now));
        }
        unpublished.clear();
    }

    private static Iterator<Map.Entry<String, String>> entries(KeyValueIterator<String, String> all) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return all.hasNext();
            }

            @Override
            public Map.Entry<String, String> next() {
                KeyValue<String, String> next = all.next();
                return Map.entry(next.key, next.value);
            }
        };
    }
}
