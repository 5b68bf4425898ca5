package dev.switchboard.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each log event as one JSON line: {@code ts}, {@code level}, {@code logger}, {@code msg}, then the event's
 * key-value pairs at the top level (the homelab article's format: {@code {"msg":"routing_decision",
 * "selected_model":"qwen-coder",...}}), then {@code error} and {@code stack} when a throwable is attached.
 *
 * <p>Keys come from the fixed vocabulary in {@link LogKeys}; prompts, responses and keys are never passed to a logger
 * in the first place.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(LogKeys.TS, Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField(LogKeys.LEVEL, event.getLevel().toString());
            json.writeStringField(LogKeys.LOGGER, event.getLoggerName());
            json.writeStringField(LogKeys.MSG, event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    json.writeFieldName(pair.key);
                    writeValue(json, pair.value);
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField(LogKeys.ERROR, error.getClassName() + ": " + error.getMessage());
                json.writeStringField(LogKeys.STACK, ThrowableProxyUtil.asString(error));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a log event", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value instanceof Collection<?> values) {
            json.writeStartArray();
            for (Object element : values) {
                writeValue(json, element);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }
}
