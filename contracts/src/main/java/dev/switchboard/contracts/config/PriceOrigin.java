package dev.switchboard.contracts.config;

/** Where a model's {@link Pricing} came from: what {@code validate} reports, and what a hard cost ceiling trusts. */
public enum PriceOrigin {
    /** {@code providers.models[].pricing} in the config file: always wins. */
    CONFIG,
    /** Every backend of the model is local (loopback, a private address, a single-label host): free. */
    LOCAL,
    /** The price table shipped with Switchboard ({@link PriceTable}), for a well-known provider model id. */
    TABLE
}
