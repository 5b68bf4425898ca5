package dev.switchboard.selection;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What algorithms may depend on besides their input, injected so that tests are deterministic.
 *
 * @param clock  time, for algorithms with windows or idle timeouts
 * @param random randomness, for exploring algorithms
 */
public record SelectionEnvironment(Clock clock, RandomGenerator random) {

    /** The wall clock and the default randomness: what a running router uses. */
    public static SelectionEnvironment system() {
        return new SelectionEnvironment(Clock.systemUTC(), RandomGenerator.getDefault());
    }
}
