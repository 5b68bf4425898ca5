package dev.switchboard.proxy.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.GrpcWriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of one ext_proc stream, which may end before an answer is ready: the gateway resets the stream when its
 * client goes away while the request is being routed. An answer for a stream that has ended is dropped (the gateway
 * no longer waits for it) instead of failing with "The stream has been closed". Ends once, with OK, or with a gRPC
 * status when the gateway broke the protocol.
 */
final class Replies {

    private static final Logger LOGGER = LoggerFactory.getLogger(Replies.class);

    private final WriteStream<ProcessingResponse> out;
    private final String streamId;
    private boolean ended;

    Replies(WriteStream<ProcessingResponse> out, String streamId) {
        this.out = out;
        this.streamId = streamId;
    }

    /** Sends {@code response} unless the stream has ended. */
    void send(ProcessingResponse response) {
        if (ended) {
            LOGGER.atDebug().setMessage("extproc_answer_dropped").addKeyValue("stream_id", streamId).log();
            return;
        }
        try {
            out.write(response);
        } catch (IllegalStateException closed) {
            // Reset by the gateway between our last look and this write.
            ended = true;
        }
    }

    /** Sends {@code response} and ends the stream: an immediate response is the last word on a request. */
    void last(ProcessingResponse response) {
        send(response);
        end();
    }

    /**
     * Ends the stream with OK (or the status set before), once. When the gateway's side is still open (an immediate
     * response, or a status for a message out of order) the stream is then reset, as RFC 9113 section 8.1 lets a server
     * that has answered in full: left half-open, the stream lived until the gateway closed it, and a shutdown waited
     * the whole drain time for it. The reset waits until the trailers are written, so that no answer queued behind
     * flow control is dropped; a stream whose request has ended is not reset.
     */
    void end() {
        if (!ended) {
            ended = true;
            try {
                out.end().onSuccess(written -> {
                    if (out instanceof GrpcWriteStream<?> grpc) {
                        grpc.cancel();
                    }
                });
            } catch (IllegalStateException closed) {
                // Already reset by the gateway: nothing to end.
            }
        }
    }

    /** Ends the stream with {@code status} and a message saying what the gateway sent wrong, once. */
    void fail(GrpcStatus status, String message) {
        if (ended) {
            return;
        }
        if (out instanceof GrpcServerResponse<?, ?> response) {
            response.status(status).statusMessage(message);
        }
        end();
    }

    /** The gateway ended the stream (reset or cancelled): nothing more is sent. */
    void closedByPeer() {
        ended = true;
    }
}
