package dev.switchboard.contracts.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Codec for an immutable record delivered inside one JVM: the same instance is handed to the consumer, which is safe
 * because records are immutable. Switchboard is a single-process pipeline; clustering would be a deliberate later
 * decision with real wire codecs, so the wire methods refuse to be used rather than silently half-working.
 *
 * @param <T> the record type
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

    private final Class<T> type;

    public LocalCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is delivered locally only");
    }

    @Override
    public T decodeFromWire(int position, Buffer buffer) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is delivered locally only");
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "local:" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
