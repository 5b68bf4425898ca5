package dev.switchboard.selection;


/** An algorithm cannot choose for this request; the router falls back with reason {@code selector_fallback}. */
public final class SelectionUnavailableException extends Exception {

    public SelectionUnavailableException(String message) {
        super(message);
    }
}
