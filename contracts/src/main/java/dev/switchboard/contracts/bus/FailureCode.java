package dev.switchboard.contracts.bus;

/**
 * The one failure vocabulary of the event bus: a consumer fails a message with {@code message.fail(code.code(),
 * text)}, and a sender maps the {@code ReplyException} back with {@link #of(int)}. The numbers are gRPC status codes,
 * so the ExtProc side maps them without a table.
 */
public enum FailureCode {
    INVALID_ARGUMENT(3),
    DEADLINE_EXCEEDED(4),
    NOT_FOUND(5),
    INTERNAL(13),
    UNAVAILABLE(14);

    private final int code;

    FailureCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The code with this number, or {@link #INTERNAL} for a number outside the vocabulary. */
    public static FailureCode of(int code) {
        for (FailureCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return INTERNAL;
    }
}
