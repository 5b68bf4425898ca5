package dev.switchboard.feedback.learning;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.util.Arrays;
import java.util.Optional;

/**
 * The keys of the learned model's entries: one record per entry in the learning topology's state store, its
 * changelog and the learned-state topic (docs/events.md, "The learned model"). A key is a JSON array, its first
 * element the kind, so that names holding any character (an embedding model's {@code org/name}) need no escaping:
 * <ul>
 * <li>{@code ["counters", scope]}: the Elo and Beta counters of one scope ({@code global}, a decision,
 * {@code user:…}, {@code session:…});</li>
 * <li>{@code ["exemplar", sequence]}: one exemplar;</li>
 * <li>{@code ["domain", embedding model, domain, slot]}: one of a domain's remembered prompt vectors;</li>
 * <li>{@code ["learner", algorithm type]}: an algorithm's fitted learner;</li>
 * <li>{@code ["meta"]}: the model's version and sequences;</li>
 * <li>{@code ["seen", block]}: the fold's own, never published: a block of the newest event ids applied
 * (space-separated, not JSON), so that a fold restored elsewhere still recognises their duplicates.</li>
 * </ul>
 * A tombstone (null value) removes an entry: a forgotten exemplar, user or session.
 */
public final class LearnedModel {

    public static final String COUNTERS = "counters";
    public static final String EXEMPLAR = "exemplar";
    public static final String DOMAIN = "domain";
    public static final String LEARNER = "learner";
    public static final String META = "meta";
    public static final String SEEN = "seen";
    public static final String META_KEY = key(META);

    private LearnedModel() {
    }

    /** Whether the entry is the fold's own (kept in its store, not published to the learned-state topic). */
    public static boolean isFoldOnly(String key) {
        return key.startsWith("[\"" + SEEN + "\"");
    }

    public static String key(Object... parts) {
        return new JsonArray(Arrays.asList(parts)).encode();
    }

    /** The key's parts; empty when it is not a key of ours (a record someone else wrote to the topic). */
    public static Optional<JsonArray> parse(String key) {
        if (key == null || key.isEmpty() || key.charAt(0) != '[') {
            return Optional.empty();
        }
        try {
            JsonArray parts = new JsonArray(key);
            return parts.isEmpty() || !(parts.getValue(0) instanceof String) ? Optional.empty() : Optional.of(parts);
        } catch (DecodeException | ClassCastException notOurs) {
            return Optional.empty();
        }
    }
}
