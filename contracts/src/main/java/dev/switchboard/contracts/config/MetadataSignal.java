package dev.switchboard.contracts.config;

/**
 * One entry of {@code routing.signals.metadata[]}: a pair of the request body's {@code metadata} object (the Chat
 * Completions API's caller-provided string pairs) has this value.
 *
 * @param name        rule name referenced by conditions of type {@code metadata}
 * @param description free text; nullable
 * @param key         the metadata key
 * @param predicate   the value it must have
 */
public record MetadataSignal(String name, String description, String key, Predicate predicate) {

    /** The test on the value. */
    public record Predicate(String equals) {
    }
}
