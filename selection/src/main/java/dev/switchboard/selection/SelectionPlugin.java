package dev.switchboard.selection;

import dev.switchboard.contracts.config.AlgorithmPlugin;

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
}
