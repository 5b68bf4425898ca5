package dev.switchboard.contracts.config;

import java.util.List;

/**
 * The configuration side of a selection algorithm, found with {@link java.util.ServiceLoader}: what
 * {@code routing.decisions[].algorithm.type} names, the record its block binds to, and the checks of that block. The
 * config loader binds a decision's algorithm through the installed plugins, so {@code switchboard validate} is as
 * strict about an algorithm's settings as about the rest of the file; the router builds the algorithm itself from
 * the same plugin (its sub-interface in the selection module).
 *
 * <p>Contract, in the style of the rest of the config model:
 * <ol>
 * <li>The settings type is a record bound strictly (unknown fields and wrong types are errors with their path); its
 * compact constructor applies the defaults, so binding an empty mapping gives the settings of an absent block.</li>
 * <li>{@link #validate} is called for every block present in the file (also for blocks of other types than the
 * decision's, which are ignored with a warning: switching algorithms is a one-line change of {@code type}), with a
 * view of the problems scoped to the block.</li>
 * <li>A plugin has a public no-argument constructor and no state.</li>
 * </ol>
 *
 * @param <S> the settings record
 */
public interface AlgorithmPlugin<S> {

    /** The {@code algorithm.type} this plugin serves, e.g. {@code router_dc}. */
    String type();

    /** The record the algorithm's block binds to. */
    Class<S> settingsType();

    /**
     * Where the block may be written, relative to {@code algorithm}; the first is the canonical one. Usually the type
     * ({@code router_dc}); the reference's ML algorithms also accept their block inside the shared {@code ml} one
     * ({@code ml.knn}).
     */
    default List<String> blockPaths() {
        return List.of(type());
    }

    /** Semantic checks of a bound block; each problem is added to {@code checks}, which is scoped to the block. */
    default void validate(S settings, ConfigChecks checks) {
    }

    /**
     * Algorithm types whose blocks this one reads besides its own (so they are not "ignored"): {@code session_aware}
     * wraps a base algorithm configured by the base's own block. Each must be installed.
     */
    default List<String> builtOn(S settings) {
        return List.of();
    }

    /** Settings without any configuration, for an algorithm that has nothing to configure. */
    record NoSettings() {
    }
}
