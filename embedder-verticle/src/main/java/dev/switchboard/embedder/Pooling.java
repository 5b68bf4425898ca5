package dev.switchboard.embedder;

import java.util.Locale;

/** How token vectors become one text vector. */
enum Pooling {
    /** Average of the token vectors under the attention mask (sentence-transformers' default). */
    MEAN,
    /** The first token's vector ([CLS]); BGE-style models. */
    CLS,
    /** The last non-padding token's vector; decoder-style embedding models. */
    LAST_TOKEN;

    /** Parses a config value ({@code mean}, {@code cls}, {@code last_token}). */
    static Pooling of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
