package dev.switchboard.feedback.events;

import dev.switchboard.contracts.bus.ResponseCacheEntry;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The JSON of a shared response cache record (documented in {@code docs/events.md}): the entry, the instance that
 * kept it, and {@code timestamp}, when it was stored. Keyed by a fingerprint of its partition and exact key, so that
 * compaction keeps the newest answer to each request.
 */
public final class CacheEntryJson {

    /**
     * The largest record written: under the broker's default limit of 1 MiB with room for the key and headers. An
     * answer whose record would be larger stays in the instance that got it.
     */
    public static final int MAX_RECORD_BYTES = 1000 * 1024;

    private CacheEntryJson() {
    }

    /** The record's key. */
    public static String key(ResponseCacheEntry entry) {
        return EventJson.sha256(entry.partition() + "\u0000" + entry.exactKey());
    }

    /** The record's value; empty when it would be larger than {@link #MAX_RECORD_BYTES}. */
    public static Optional<String> encode(ResponseCacheEntry entry, String instance) {
        // Base64 makes the body a third larger: a body too large for the record is refused before encoding it.
        if (entry.body().length / 3 * 4 > MAX_RECORD_BYTES) {
            return Optional.empty();
        }
        JsonObject json = new JsonObject()
                .put(EventFields.SCHEMA_VERSION, EventJson.SCHEMA_VERSION)
                .put(EventFields.TYPE, EventFields.RESPONSE_CACHE_ENTRY)
                .put(EventFields.INSTANCE, instance)
                .put(EventFields.TIMESTAMP, Instant.ofEpochMilli(entry.storedAtMillis()).toString())
                .put(EventFields.TTL_MS, entry.ttlMillis())
                .put(EventFields.PARTITION, entry.partition())
                .put(EventFields.EXACT_KEY, entry.exactKey())
                .put(EventFields.GUARD, entry.guard())
                .put(EventFields.VECTOR, entry.vector() == null ? null : EventJson.encode(entry.vector()))
                .put(EventFields.MODEL, entry.model())
                .put(EventFields.CONTENT_TYPE, entry.contentType())
                .put(EventFields.BODY, Base64.getEncoder().encodeToString(entry.body()))
                .put(EventFields.LATENCY_MS, entry.latencyMs())
                .put(EventFields.PROMPT_TOKENS, entry.promptTokens())
                .put(EventFields.COMPLETION_TOKENS, entry.completionTokens());
        String value = json.encode();
        return value.getBytes(StandardCharsets.UTF_8).length > MAX_RECORD_BYTES ? Optional.empty()
                : Optional.of(value);
    }

    /** Who kept the entry of {@code json}. */
    public static String instance(JsonObject json) {
        return json.getString(EventFields.INSTANCE);
    }

    /**
     * The entry of a record's value.
     *
     * @throws IllegalArgumentException when it is not one (another type, a field missing or of the wrong kind)
     */
    public static ResponseCacheEntry decode(JsonObject json) {
        try {
            if (!EventFields.RESPONSE_CACHE_ENTRY.equals(json.getString(EventFields.TYPE))) {
                throw new IllegalArgumentException("not a " + EventFields.RESPONSE_CACHE_ENTRY);
            }
            String vector = json.getString(EventFields.VECTOR);
            return new ResponseCacheEntry(required(json, EventFields.PARTITION), required(json, EventFields.EXACT_KEY),
                    vector == null ? null : EventJson.decode(vector), required(json, EventFields.GUARD),
                    required(json, EventFields.MODEL), required(json, EventFields.CONTENT_TYPE),
                    Base64.getDecoder().decode(required(json, EventFields.BODY)),
                    json.getDouble(EventFields.LATENCY_MS, 0.0), json.getInteger(EventFields.PROMPT_TOKENS),
                    json.getInteger(EventFields.COMPLETION_TOKENS), EventJson.timestampMillis(json),
                    json.getLong(EventFields.TTL_MS));
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a readable " + EventFields.RESPONSE_CACHE_ENTRY + ": " + e, e);
        }
    }

    private static String required(JsonObject json, String field) {
        if (!(json.getValue(field) instanceof String value)) {
            throw new IllegalArgumentException("no " + field + " string");
        }
        return value;
    }
}
