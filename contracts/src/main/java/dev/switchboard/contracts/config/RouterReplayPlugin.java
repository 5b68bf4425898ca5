package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A decision's {@code router_replay} plugin: its requests are kept as records you can query
 * ({@code GET /v1/router_replay}, {@code GET /v1/router_replay/{request id}}): when, the routing facts (model,
 * algorithm, confidence, reason, the candidates' scores, the signal rules that matched, the routing time) and, once
 * the response has finished, how it went (status, latency, tokens, cost, cache). Never the request or the response:
 * Switchboard stores no prompts and no answers, so the reference's {@code capture_*} options are accepted and warned
 * about.
 *
 * @param enabled             false keeps nothing; default true
 * @param maxRecords          the newest records kept for the decision; default and at most {@link #MAX_RECORDS}
 * @param captureRequestBody  the reference's; bodies are never captured (a warning when true)
 * @param captureResponseBody the reference's; bodies are never captured (a warning when true)
 * @param capturePersonalData the reference's; no personal data is kept (the session id is, the user id is not)
 * @param maxBodyBytes        the reference's cap on a captured body; unused
 * @param maxToolTraceBytes   the reference's cap on a tool-trace field; unused (no tool traces are kept)
 * @param maxToolTraceSteps   the reference's cap on a tool trace's steps; unused
 */
public record RouterReplayPlugin(
        Boolean enabled,
        @JsonProperty("max_records") Integer maxRecords,
        @JsonProperty("capture_request_body") Boolean captureRequestBody,
        @JsonProperty("capture_response_body") Boolean captureResponseBody,
        @JsonProperty("capture_personal_data") Boolean capturePersonalData,
        @JsonProperty("max_body_bytes") Integer maxBodyBytes,
        @JsonProperty("max_tool_trace_bytes") Integer maxToolTraceBytes,
        @JsonProperty("max_tool_trace_steps") Integer maxToolTraceSteps) {

    /** A record is about 1 KB of heap: 10,000 a decision bounds the store by the config's decisions. */
    public static final int MAX_RECORDS = 10_000;

    public RouterReplayPlugin {
        enabled = enabled == null || enabled;
        maxRecords = maxRecords == null ? MAX_RECORDS : maxRecords;
        captureRequestBody = captureRequestBody != null && captureRequestBody;
        captureResponseBody = captureResponseBody != null && captureResponseBody;
    }
}
