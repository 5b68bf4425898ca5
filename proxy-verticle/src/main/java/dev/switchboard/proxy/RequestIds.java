package dev.switchboard.proxy;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id a request is known by in logs, Kafka keys and feedback: the client's or gateway's {@code x-request-id} when
 * it is a plain token (letters, digits and {@code . _ : -}, at most {@value #MAX_LENGTH} characters, as UUIDs,
 * Envoy's ids and trace ids are), else a fresh UUID. An id with a newline, quotes or kilobytes of text would
 * otherwise forge log lines, bloat every event and key a Kafka partition with whatever the client wrote.
 */
public final class RequestIds {

    /** The header both ingresses read the id from. */
    public static final String HEADER = "x-request-id";
    static final int MAX_LENGTH = 128;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /** {@code given} when it is a usable id, else a new random one. */
    public static String accept(String given) {
        return given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
