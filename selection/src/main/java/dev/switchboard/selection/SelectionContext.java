package dev.switchboard.selection;

import dev.switchboard.contracts.config.AlgorithmConfig;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What a plugin may build its algorithm from besides its settings.
 *
 * @param environment the injected clock and randomness
 * @param definition  the decision's whole {@code algorithm} mapping, for the blocks of algorithms it builds on
 * @param plugins     the installed plugins, to build such a base algorithm
 */
public record SelectionContext(SelectionEnvironment environment, AlgorithmConfig definition, SelectionPlugins plugins) {

    public Clock clock() {
        return environment.clock();
    }

    public RandomGenerator random() {
        return environment.random();
    }

    /** The algorithm of {@code type} with its block from the same mapping (its defaults without one). */
    public SelectionAlgorithm base(String type) {
        return plugins.create(type, definition.block(type).orElse(null), this);
    }
}
