package dev.switchboard.contracts.bus;

import java.util.List;

/**
 * Body of {@link Addresses#EMBEDDER_EMBED}: texts to embed, in order.
 *
 * @param texts one or more texts; never logged
 */
public record EmbedRequest(List<String> texts) {

    public EmbedRequest {
        texts = List.copyOf(texts);
    }

    public static EmbedRequest of(String... texts) {
        return new EmbedRequest(List.of(texts));
    }
}
