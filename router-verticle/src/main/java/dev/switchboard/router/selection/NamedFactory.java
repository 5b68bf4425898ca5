package dev.switchboard.router.selection;

import dev.switchboard.contracts.config.AlgorithmConfig;
import java.util.function.BiFunction;

/**
 * Base of the built-in algorithms' factories: a type name and a constructor. {@link java.util.ServiceLoader} needs a
 * public class with a no-argument constructor per plugin; subclasses pass their two facts to this one.
 */
abstract class NamedFactory implements SelectionAlgorithmFactory {

    private final String type;
    private final BiFunction<AlgorithmConfig, SelectionEnvironment, SelectionAlgorithm> constructor;

    NamedFactory(String type, BiFunction<AlgorithmConfig, SelectionEnvironment, SelectionAlgorithm> constructor) {
        this.type = type;
        this.constructor = constructor;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final SelectionAlgorithm create(AlgorithmConfig config, SelectionEnvironment environment) {
        return constructor.apply(config, environment);
    }
}
