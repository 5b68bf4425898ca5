package dev.switchboard.proxy.extproc;

import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.proxy.RouteClient;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcService;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorService;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.Service;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code envoy.service.ext_proc.v3.ExternalProcessor/Process}: one {@link ExtProcStream} per gateway stream. A stream
 * the gateway cancels or resets is closed quietly: that is how a client going away looks, not an error.
 */
public final class ExtProcService extends ExternalProcessorService {

    private static final Logger LOGGER = LoggerFactory.getLogger(ExtProcService.class);

    private final Vertx vertx;
    private final Supplier<ProxySettings> settings;
    private final RouteClient routes;

    public ExtProcService(Vertx vertx, Supplier<ProxySettings> settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.routes = new RouteClient(vertx, "extproc");
    }

    /** The service to register with a gRPC server. */
    public Service service() {
        return ExternalProcessorGrpcService.of(this);
    }

    @Override
    protected void process(ReadStream<ProcessingRequest> requests, WriteStream<ProcessingResponse> responses) {
        ExtProcStream stream = new ExtProcStream(vertx, settings.get(), routes, responses);
        requests.handler(stream::onMessage);
        requests.endHandler(v -> stream.whenAnswered(responses::end));
        requests.exceptionHandler(e -> LOGGER.atDebug().setMessage("extproc_stream_closed")
                .addKeyValue("stream_id", stream.streamId()).addKeyValue("error", e.toString()).log());
    }
}
