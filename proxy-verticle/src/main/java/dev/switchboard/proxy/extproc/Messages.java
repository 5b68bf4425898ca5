package dev.switchboard.proxy.extproc;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.TrailersResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Building and reading the ext_proc messages Switchboard exchanges with a gateway. */
final class Messages {

    private Messages() {
    }

    /** The value of a header; gateways send it as {@code raw_value} (bytes) or {@code value}. */
    static Optional<String> header(HttpHeaders headers, String name) {
        for (HeaderValue header : headers.getHeaders().getHeadersList()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getRawValue().isEmpty() ? header.getValue()
                        : header.getRawValue().toString(StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    static HeaderMutation setHeaders(Map<String, String> headers) {
        return mutation(headers, List.of());
    }

    /** Sets (overwriting) the headers and removes the named ones. */
    static HeaderMutation mutation(Map<String, String> headers, List<String> removed) {
        HeaderMutation.Builder mutation = HeaderMutation.newBuilder().addAllRemoveHeaders(removed);
        headers.forEach((name, value) -> mutation.addSetHeaders(HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(name)
                        .setRawValue(ByteString.copyFromUtf8(value)))
                .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)));
        return mutation.build();
    }

    /** Lets the phase continue unchanged. */
    static ProcessingResponse continueRequestHeaders() {
        return ProcessingResponse.newBuilder().setRequestHeaders(HeadersResponse.getDefaultInstance()).build();
    }

    static ProcessingResponse continueRequestBody() {
        return ProcessingResponse.newBuilder().setRequestBody(BodyResponse.getDefaultInstance()).build();
    }

    static ProcessingResponse continueResponseBody() {
        return ProcessingResponse.newBuilder().setResponseBody(BodyResponse.getDefaultInstance()).build();
    }

    static ProcessingResponse continueRequestTrailers() {
        return ProcessingResponse.newBuilder().setRequestTrailers(TrailersResponse.getDefaultInstance()).build();
    }

    static ProcessingResponse continueResponseTrailers() {
        return ProcessingResponse.newBuilder().setResponseTrailers(TrailersResponse.getDefaultInstance()).build();
    }

    /** Request headers continue with a mutation (full-duplex mode, where the mutation must ride on headers). */
    static ProcessingResponse requestHeaders(HeaderMutation mutation) {
        return ProcessingResponse.newBuilder().setRequestHeaders(HeadersResponse.newBuilder()
                .setResponse(CommonResponse.newBuilder().setHeaderMutation(mutation).setClearRouteCache(true)))
                .build();
    }

    /** The whole rewritten body with the routing headers (buffered and streamed modes). */
    static ProcessingResponse requestBody(HeaderMutation mutation, Buffer body) {
        return ProcessingResponse.newBuilder().setRequestBody(BodyResponse.newBuilder()
                .setResponse(CommonResponse.newBuilder().setHeaderMutation(mutation)
                        .setBodyMutation(BodyMutation.newBuilder().setBody(ByteString.copyFrom(body.getBytes())))
                        .setClearRouteCache(true))).build();
    }

    /** A streamed chunk is withheld: its bytes are part of the body sent whole at the end. */
    static ProcessingResponse withheldChunk() {
        return ProcessingResponse.newBuilder().setRequestBody(BodyResponse.newBuilder()
                .setResponse(CommonResponse.newBuilder().setBodyMutation(BodyMutation.newBuilder()
                        .setClearBody(true)))).build();
    }

    /** The rewritten body as the one streamed chunk of a full-duplex request. */
    static ProcessingResponse fullDuplexBody(Buffer body) {
        return ProcessingResponse.newBuilder().setRequestBody(BodyResponse.newBuilder()
                .setResponse(CommonResponse.newBuilder().setBodyMutation(BodyMutation.newBuilder()
                        .setStreamedResponse(StreamedBodyResponse.newBuilder()
                                .setBody(ByteString.copyFrom(body.getBytes())).setEndOfStream(true))))).build();
    }

    /** A response chunk sent back as it came (full-duplex response mode). */
    static ProcessingResponse passThrough(io.envoyproxy.envoy.service.ext_proc.v3.HttpBody chunk) {
        return ProcessingResponse.newBuilder().setResponseBody(BodyResponse.newBuilder()
                .setResponse(CommonResponse.newBuilder().setBodyMutation(BodyMutation.newBuilder()
                        .setStreamedResponse(StreamedBodyResponse.newBuilder().setBody(chunk.getBody())
                                .setEndOfStream(chunk.getEndOfStream()))))).build();
    }

    static ProcessingResponse responseHeaders(HeaderMutation mutation) {
        return ProcessingResponse.newBuilder().setResponseHeaders(HeadersResponse.newBuilder()
                .setResponse(CommonResponse.newBuilder().setHeaderMutation(mutation))).build();
    }

    /** An answer from Switchboard itself, ending the request at the gateway. */
    static ProcessingResponse immediate(int status, JsonObject body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        return immediate(status, headers, body.toBuffer().getBytes());
    }

    /** The gateway answers the client with this and never calls the upstream. */
    static ProcessingResponse immediate(int status, Map<String, String> headers, byte[] body) {
        return ProcessingResponse.newBuilder().setImmediateResponse(ImmediateResponse.newBuilder()
                .setStatus(HttpStatus.newBuilder().setCode(StatusCode.forNumber(status)))
                .setHeaders(setHeaders(headers))
                .setBody(ByteString.copyFrom(body))).build();
    }

}
