package dev.switchboard.app;

/**
 * The fixed key vocabulary of Switchboard's JSON log lines. Values are identifiers, counts, sizes and durations:
 * never prompt text, response text, embeddings or credentials.
 */
public final class LogKeys {
    public static final String TS = "ts";
    public static final String LEVEL = "level";
    public static final String LOGGER = "logger";
    public static final String MSG = "msg";
    public static final String ERROR = "error";
    public static final String STACK = "stack";
    public static final String COMPONENT = "component";
    public static final String CONFIG_FILE = "config_file";
    public static final String REVISION = "revision";
    public static final String PATH = "path";
    public static final String DETAIL = "detail";
    public static final String EMBEDDING_READY = "embedding_ready";
    public static final String MODEL_SOURCE = "model_source";
    public static final String INSTANCES = "instances";
    public static final String SELECTOR_COUNT = "selector_count";
    public static final String MODEL_SELECTION = "model_selection";
    public static final String HTTP_PORT = "http_port";
    public static final String EXTPROC_PORT = "extproc_port";
    public static final String DECISIONS = "decisions";
    public static final String DURATION_MS = "duration_ms";
    public static final String SECTIONS = "sections";
    public static final String WARNINGS = "warnings";

    private LogKeys() {
    }
}
