package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code routing.signals.events[]}: the latest user turn reads like a machine event of a kind (an alert,
 * a failed transaction, an audit record). Each configured criterion is a set of words found case-insensitively at
 * word boundaries; the rule matches when at least one criterion does, with confidence
 * {@code 0.5 + 0.5 × matched criteria / configured criteria}, as the reference.
 *
 * @param name        rule name referenced by conditions of type {@code event}
 * @param description free text; nullable
 * @param eventTypes  event type names ({@code payment_failed})
 * @param severities  severity words ({@code critical}, {@code high}, {@code medium}, {@code low})
 * @param actionCodes domain action codes ({@code TXN_DECLINE})
 * @param temporal    also a criterion: the text carries an urgency marker ({@link #URGENCY_MARKERS})
 */
public record EventSignal(
        String name,
        String description,
        @JsonProperty("event_types") List<String> eventTypes,
        List<String> severities,
        @JsonProperty("action_codes") List<String> actionCodes,
        Boolean temporal) {

    /** The reference's urgency markers; {@code critical.window} allows any one character between the words. */
    public static final List<String> URGENCY_MARKERS = List.of("urgent", "immediate", "asap", "deadline",
            "time-sensitive", "now", "critical.window");

    public EventSignal {
        eventTypes = Lists.immutable(eventTypes);
        severities = Lists.immutable(severities);
        actionCodes = Lists.immutable(actionCodes);
        temporal = temporal != null && temporal;
    }

    /** How many criteria the rule has. */
    public int criteria() {
        return (eventTypes.isEmpty() ? 0 : 1) + (severities.isEmpty() ? 0 : 1) + (actionCodes.isEmpty() ? 0 : 1)
                + (temporal ? 1 : 0);
    }
}
