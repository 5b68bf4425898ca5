package dev.switchboard.contracts.bus;

import java.util.Locale;

/** Why the router chose the model it chose; logged as {@code reason_code} and sent in events. */
public enum ReasonCode {
    /** A decision matched and its algorithm selected the model. */
    AUTO_ROUTING,
    /**
     * A decision matched and its learning algorithm sent the request to its runner-up, to learn how that model does
     * where it has little feedback (a few percent of live requests, fewer as feedback accumulates).
     */
    EXPLORATION,
    /** No decision matched: the default model. */
    DEFAULT_NO_MATCH,
    /** The decision's algorithm failed or had no usable data: its first candidate. */
    SELECTOR_FALLBACK,
    /** The prompt could not be embedded in time: decisions ran without embedding signals. */
    EMBEDDING_UNAVAILABLE,
    /**
     * The prompt is in a language or script the embedding model does not cover (most of its word pieces unknown or
     * single letters), and too little of it is in one the model does: decisions ran without embedding signals, and a
     * decision whose algorithm needs the prompt's vector gave way to the default model.
     */
    LANGUAGE_UNSUPPORTED,
    /** The request named a configured model: passed through without routing. */
    CONCRETE_MODEL,
    /**
     * The matched decision answers itself ({@code fast_response}): the proxy returns its message and calls no model;
     * the selected model is the default one, for the record only.
     */
    FAST_RESPONSE,
    /** The router itself failed: the default model, so that the request is still served. */
    ROUTER_ERROR,
    /**
     * The router did not answer within {@code global.proxy.route_timeout} (or could not be reached): the proxy served
     * the default model, or the model asked for by name, as a plain proxy would. Recorded by the proxy, so that
     * feedback on the request is still joined to the model that served it.
     */
    ROUTER_UNAVAILABLE;

    /** The wire form, e.g. {@code auto_routing}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
