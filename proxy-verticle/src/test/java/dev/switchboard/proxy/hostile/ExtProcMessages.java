package dev.switchboard.proxy.hostile;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpTrailers;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ext_proc messages of a corpus case, written as JSON:
 * <ul>
 * <li>{@code {"request_headers": {name: value}, "eos": false, "mode": "STREAMED", "response_mode": ...,
 * "mode_number": 99, "value_field": true}} ({@code value_field}: the values go in {@code value}, not
 * {@code raw_value}; {@code mode_number}: a body mode by number, one Envoy may add later);</li>
 * <li>{@code {"request_body": segments, "eos": true}}, {@code {"response_body": ...}};</li>
 * <li>{@code {"response_headers": {...}}}, {@code {"request_trailers": {...}}}, {@code {"response_trailers": ...}};
 * </li>
 * <li>{@code {"empty": true}}: a ProcessingRequest with no phase set;</li>
 * <li>{@code {"chat": segments, "mode": ...}}: shorthand for the headers of {@code POST /v1/chat/completions} and
 * the whole body in one message.</li>
 * </ul>
 */
final class ExtProcMessages {

    private ExtProcMessages() {
    }

    static List<ProcessingRequest> of(JsonArray messages) {
        List<ProcessingRequest> built = new ArrayList<>();
        for (Object message : messages) {
            JsonObject spec = (JsonObject) message;
            if (spec.containsKey("chat")) {
                built.add(headers(new JsonObject().put("request_headers", new JsonObject()
                        .put(":method", "POST").put(":path", "/v1/chat/completions")
                        .put("content-type", "application/json")).put("mode", spec.getString("mode", "BUFFERED"))));
                built.add(body(spec.getValue("chat"), true, false));
            } else {
                built.add(of(spec));
            }
        }
        return built;
    }

    static ProcessingRequest of(JsonObject spec) {
        if (spec.containsKey("request_headers")) {
            return headers(spec);
        }
        if (spec.containsKey("request_body")) {
            return body(spec.getValue("request_body"), spec.getBoolean("eos", true), false);
        }
        if (spec.containsKey("response_body")) {
            return body(spec.getValue("response_body"), spec.getBoolean("eos", true), true);
        }
        if (spec.containsKey("response_headers")) {
            return ProcessingRequest.newBuilder().setResponseHeaders(headerMap(spec.getJsonObject("response_headers"),
                    spec.getBoolean("eos", false), false)).build();
        }
        if (spec.containsKey("request_trailers")) {
            return ProcessingRequest.newBuilder().setRequestTrailers(HttpTrailers.newBuilder()
                    .setTrailers(map(spec.getJsonObject("request_trailers"), false))).build();
        }
        if (spec.containsKey("response_trailers")) {
            return ProcessingRequest.newBuilder().setResponseTrailers(HttpTrailers.newBuilder()
                    .setTrailers(map(spec.getJsonObject("response_trailers"), false))).build();
        }
        if (spec.getBoolean("empty", false)) {
            return ProcessingRequest.getDefaultInstance();
        }
        throw new IllegalArgumentException("not an ext_proc message: " + spec);
    }

    private static ProcessingRequest headers(JsonObject spec) {
        ProcessingRequest.Builder request = ProcessingRequest.newBuilder().setRequestHeaders(headerMap(
                spec.getJsonObject("request_headers"), spec.getBoolean("eos", false),
                spec.getBoolean("value_field", false)));
        if (spec.containsKey("mode") || spec.containsKey("response_mode") || spec.containsKey("mode_number")) {
            ProtocolConfiguration.Builder config = ProtocolConfiguration.newBuilder();
            if (spec.containsKey("mode_number")) {
                config.setRequestBodyModeValue(spec.getInteger("mode_number"));
            } else if (spec.containsKey("mode")) {
                config.setRequestBodyMode(BodySendMode.valueOf(spec.getString("mode")));
            }
            if (spec.containsKey("response_mode")) {
                config.setResponseBodyMode(BodySendMode.valueOf(spec.getString("response_mode")));
            }
            request.setProtocolConfig(config);
        }
        if (spec.getBoolean("observability_mode", false)) {
            request.setObservabilityMode(true);
        }
        return request.build();
    }

    private static ProcessingRequest body(Object segments, boolean endOfStream, boolean response) {
        HttpBody body = HttpBody.newBuilder().setBody(ByteString.copyFrom(HostileCase.bytes(segments,
                StandardCharsets.UTF_8))).setEndOfStream(endOfStream).build();
        return response ? ProcessingRequest.newBuilder().setResponseBody(body).build()
                : ProcessingRequest.newBuilder().setRequestBody(body).build();
    }

    private static HttpHeaders headerMap(JsonObject headers, boolean endOfStream, boolean valueField) {
        return HttpHeaders.newBuilder().setHeaders(map(headers, valueField)).setEndOfStream(endOfStream).build();
    }

    private static HeaderMap map(JsonObject headers, boolean valueField) {
        HeaderMap.Builder map = HeaderMap.newBuilder();
        headers.forEach(e -> {
            byte[] value = HostileCase.bytes(e.getValue(), StandardCharsets.UTF_8);
            HeaderValue.Builder header = HeaderValue.newBuilder().setKey(e.getKey());
            if (valueField) {
                header.setValue(new String(value, StandardCharsets.UTF_8));
            } else {
                header.setRawValue(ByteString.copyFrom(value));
            }
            map.addHeaders(header);
        });
        return map.build();
    }

    /** The kind of an answer, as the corpus names it: the oneof field of the ProcessingResponse. */
    static String kind(ProcessingResponse response) {
        return switch (response.getResponseCase()) {
            case REQUEST_HEADERS -> "request_headers";
            case REQUEST_BODY -> "request_body";
            case REQUEST_TRAILERS -> "request_trailers";
            case RESPONSE_HEADERS -> "response_headers";
            case RESPONSE_BODY -> "response_body";
            case RESPONSE_TRAILERS -> "response_trailers";
            case IMMEDIATE_RESPONSE -> "immediate_response";
            case RESPONSE_NOT_SET -> "none";
        };
    }
}
