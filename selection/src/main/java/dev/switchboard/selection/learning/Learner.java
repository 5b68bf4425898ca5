package dev.switchboard.selection.learning;

import dev.switchboard.contracts.bus.LearnedState;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What one algorithm fits from the feedback stream, run by the feedback verticle's learning loop. Contract:
 * <ol>
 * <li>All calls come from the learning loop's one thread, in the order Kafka delivers the events; a learner needs no
 * synchronisation. {@link #learn} must be quick (it runs once per piece of feedback): a few gradient steps, not a
 * refit.</li>
 * <li>Deterministic: the same exemplars in the same order give the same model on every instance, and after a
 * restart that {@link #restore}s the last snapshot and replays the rest. Randomness, if any, is derived from the
 * exemplars' sequence numbers, never from a clock or a shared generator.</li>
 * <li>{@link #model} returns an immutable object the algorithm's selection reads from the learned state; it is
 * called at most every 200 ms, so it may copy.</li>
 * <li>Bounded: what it keeps does not grow with traffic beyond its configured sizes.</li>
 * </ol>
 */
public interface Learner {

    /**
     * Learns from a new exemplar. {@code memory} holds the remembered exemplars, oldest first, the new one last
     * (read only), for learners that revisit older feedback.
     */
    void learn(LearnedState.Exemplar exemplar, List<LearnedState.Exemplar> memory);

    /** What has been fitted so far, immutable. */
    Object model();

    /** The state, for the learned-state snapshot in Kafka. */
    JsonObject save();

    /** Replaces the state with a saved one (at start-up, before the rest of the stream is replayed). */
    void restore(JsonObject saved);
}
