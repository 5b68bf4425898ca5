package dev.switchboard.selection;

import java.time.Instant;

/**
 * What the router remembers of a conversation ({@code x-session-id} or {@code x-conversation-id}).
 *
 * @param model    the model that served its last turn
 * @param turns    consecutive turns served by that model
 * @param lastSeen when the last turn was routed
 */
public record SessionView(String model, int turns, Instant lastSeen) {
}
