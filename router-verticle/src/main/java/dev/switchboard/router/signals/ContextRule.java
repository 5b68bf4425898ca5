package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.ContextSignal;

/** A compiled {@code routing.signals.context[]} rule: the request's token estimate lies in an inclusive range. */
public record ContextRule(String name, long minTokens, long maxTokens) {

    public static ContextRule of(ContextSignal signal) {
        return new ContextRule(signal.name(), signal.minTokens() == null ? 0 : signal.minTokens().value(),
                signal.maxTokens() == null ? Long.MAX_VALUE : signal.maxTokens().value());
    }

    public boolean matches(long tokens) {
        return tokens >= minTokens && tokens <= maxTokens;
    }
}
