package dev.switchboard.router.selection;

import dev.switchboard.contracts.config.AlgorithmConfig;

/**
 * A selection algorithm plugin, found with {@link java.util.ServiceLoader}: its {@code type} is the value of
 * {@code algorithm.type} in the config, and it builds an algorithm from that decision's typed config block.
 */
public interface SelectionAlgorithmFactory {

    /** The {@code algorithm.type} this factory serves, e.g. {@code router_dc}. */
    String type();

    SelectionAlgorithm create(AlgorithmConfig config, SelectionEnvironment environment);
}
