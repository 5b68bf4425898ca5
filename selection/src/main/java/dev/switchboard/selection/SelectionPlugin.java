package dev.switchboard.selection;

import dev.switchboard.contracts.config.AlgorithmPlugin;
import dev.switchboard.selection.learning.Learner;
import java.util.Optional;

/**
 * A selection algorithm as a plugin: its configuration (inherited: type, settings record, validation) and how the
 * router builds it. Registered in {@code META-INF/services/dev.switchboard.contracts.config.AlgorithmPlugin}, one line
 * per algorithm; each lives in its own package with its settings, its selection code and what it learns.
 *
 * <p>{@link #create} is called once per decision and config version, on the router's event loop, and must not block;
 * the algorithm it returns is then called concurrently (see {@link SelectionAlgorithm}).
 *
 * @param <S> the settings record
 */
public interface SelectionPlugin<S> extends AlgorithmPlugin<S> {

    /** The algorithm for one decision with these settings. */
    SelectionAlgorithm create(S settings, SelectionContext context);

    /**
     * What the algorithm fits from the feedback stream, when it learns a model of its own; the learning loop runs it
     * (always, so that switching to the algorithm finds it trained) and publishes its {@link Learner#model} under the
     * algorithm's type. {@code settings} are those of the first decision with this type, or the defaults.
     */
    default Optional<Learner> learner(S settings) {
        return Optional.empty();
    }
}
