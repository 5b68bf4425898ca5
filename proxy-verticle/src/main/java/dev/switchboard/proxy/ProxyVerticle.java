package dev.switchboard.proxy;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.ConfigChanged;
import dev.switchboard.contracts.bus.ResponseCacheEntry;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.config.ServerConfig;
import dev.switchboard.contracts.health.Readiness;
import dev.switchboard.proxy.api.AdminApi;
import dev.switchboard.proxy.api.ApiAccess;
import dev.switchboard.proxy.api.FeedbackApi;
import dev.switchboard.proxy.cache.ResponseCache;
import dev.switchboard.proxy.dashboard.DashboardRoutes;
import dev.switchboard.proxy.extproc.ExtProcService;
import dev.switchboard.proxy.replay.ReplayRoutes;
import dev.switchboard.proxy.replay.RouterReplay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What gateways and clients touch: the HTTP server (health, readiness, metrics, later the OpenAI-compatible API) and
 * the Envoy ExtProc gRPC server. Deployed last, so that both ports open only once the pipeline behind them is ready.
 * On undeploy both servers stop accepting and in-flight requests get the configured drain time to finish.
 */
public final class ProxyVerticle extends VerticleBase {

    /** How long a connection to a backend stays open unused: under the 5 s after which Node.js servers close one. */
    private static final int BACKEND_IDLE_SECONDS = 4;

    private static final Logger LOGGER = LoggerFactory.getLogger(ProxyVerticle.class);

    /** As started: the listening addresses and limits stay; models and auto names follow {@code config.changed}. */
    private final ProxySettings settings;
    private volatile ProxySettings current;
    private final Readiness readiness;
    private final String metricsRegistry;
    private final ApiAccess access;
    private final OpenTelemetry openTelemetry;
    private HttpServer httpServer;
    private HttpServer extprocServer;
    private HttpClient backends;

    /**
     * @param settings        the proxy's slice of the configuration
     * @param readiness       the process's readiness, reported by {@code GET /ready}
     * @param metricsRegistry name of the Micrometer registry Vert.x was started with, scraped by {@code GET /metrics}
     */
    public ProxyVerticle(ProxySettings settings, Readiness readiness, String metricsRegistry) {
        this(settings, readiness, metricsRegistry, ApiAccess.of(settings.limits().auth(), System::getenv));
    }

    /**
     * @param access the tokens of the HTTP endpoints, resolved once for the process (the start-up probe uses them
     *               too)
     */
    public ProxyVerticle(ProxySettings settings, Readiness readiness, String metricsRegistry, ApiAccess access) {
        this(settings, readiness, metricsRegistry, access, OpenTelemetry.noop());
    }

    /**
     * @param openTelemetry the process's traces (ExtProc's chat spans, the HTTP proxy's model calls); a no-op one
     *                      when tracing is off
     */
    public ProxyVerticle(ProxySettings settings, Readiness readiness, String metricsRegistry, ApiAccess access,
            OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.settings = settings;
        this.current = settings;
        this.readiness = readiness;
        this.metricsRegistry = metricsRegistry;
        this.access = access;
    }

    /**
     * With {@code backend_type: kafka}: hands every answer kept to the feedback verticle for the topic, takes the
     * other instances' answers from it, and then asks it to start reading the topic. Without a feedback verticle
     * the cache still works, unshared, and says so.
     */
    private Future<Void> share(ResponseCache cache) {
        if (!settings.responseCache().shared()) {
            return Future.succeededFuture();
        }
        cache.replicateTo(entry -> vertx.eventBus().publish(Addresses.CACHE_ENTRY_STORED, entry));
        return vertx.eventBus().<ResponseCacheEntry>localConsumer(Addresses.CACHE_ENTRY_REPLICATED,
                        replicated -> cache.putReplicated(replicated.body())).completion()
                .compose(v -> vertx.eventBus().request(Addresses.CACHE_REPLICATION_FOLLOW, null))
                .onFailure(e -> LOGGER.atWarn().setMessage("response_cache_not_shared")
                        .addKeyValue("error", e.getMessage()).log())
                .<Void>mapEmpty().recover(e -> Future.succeededFuture());
    }

    /** Port the HTTP server listens on (the actual one when configured as 0). */
    public int httpPort() {
        return httpServer.actualPort();
    }

    /** Port the ExtProc gRPC server listens on (the actual one when configured as 0). */
    public int extprocPort() {
        return extprocServer.actualPort();
    }

    @Override
    public Future<?> start() {
        ServerConfig http = settings.services().http();
        ServerConfig extproc = settings.services().extproc();
        Router router = OpsRoutes.mount(ErrorResponses.install(Router.router(vertx)), readiness, metricsRegistry,
                access.metrics());
        RequestBodies bodies = new RequestBodies(vertx, http.requestTimeout(),
                "global.services.http.request_timeout");
        // A kept-alive connection is dropped after BACKEND_IDLE_SECONDS idle, before the backend drops it: Node.js
        // servers (the stub, many OpenAI-compatible ones) close idle connections after 5 s. A request caught by a
        // close all the same is sent again once (Backends).
        backends = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setKeepAliveTimeout(BACKEND_IDLE_SECONDS)
                .setConnectTimeout((int) settings.limits().backendConnectTimeout().toMillis())
                .setProtocolVersion(HttpVersion.HTTP_1_1), new PoolOptions().setHttp1MaxSize(64));
        // One cache for both ingresses: an answer relayed over HTTP also answers the same request through the gateway.
        ResponseCache cache = ResponseCache.of(settings.responseCache());
        RouterReplay replay = new RouterReplay();
        replay.configure(settings.replays());
        // Before the OpenAI routes, which answer every other /v1 path.
        new ReplayRoutes(vertx, access.dashboard(), replay).mount(router);
        new HttpIngress(vertx, () -> current, backends, bodies, cache, openTelemetry).mount(router);
        FeedbackApi feedback = new FeedbackApi(vertx, access, bodies);
        feedback.mount(router);
        new AdminApi(vertx, access.admin()).mount(router);
        MeterRegistry meters = BackendRegistries.getNow(metricsRegistry);
        new DashboardRoutes(vertx, access.dashboard(), meters != null ? meters : new CompositeMeterRegistry(),
                () -> current.providers(), feedback::learnedState).mount(router);
        Future<HttpServer> httpListening = listen(http, new ConnectionGuard(vertx, http, "global.services.http")
                .guard(vertx.createHttpServer(ListenerOptions.http(http)), router));
        // Gateways send whole bodies in one message in buffered mode; the reference allows 16 MB, we allow the body
        // limit plus room for headers, so that an oversized body gets its 413 rather than a reset stream.
        GrpcServer grpc = new ExtProcService(vertx, () -> current, cache, openTelemetry).bind(GrpcServer.server(vertx,
                new GrpcServerOptions().setMaxMessageSize(settings.limits().maxBodyBytes() + 1024 * 1024)));
        Future<HttpServer> extprocListening = listen(extproc, new ConnectionGuard(vertx, extproc,
                "global.services.extproc").guard(vertx.createHttpServer(ListenerOptions.extproc(extproc)),
                ExtProcService.grpcOnly(grpc)));
        Future<Void> reloads = vertx.eventBus().<ConfigChanged>localConsumer(Addresses.CONFIG_CHANGED,
                changed -> {
                    current = current.reloaded(changed.body().config());
                    replay.configure(current.replays());
                }).completion();
        return Future.all(httpListening, extprocListening, reloads, share(cache)).onSuccess(done -> {
            httpServer = httpListening.result();
            extprocServer = extprocListening.result();
            LOGGER.atInfo().setMessage("servers_listening").addKeyValue("http_port", httpPort())
                    .addKeyValue("extproc_port", extprocPort()).addKeyValue("http_tls", http.tls() != null)
                    .addKeyValue("extproc_tls", extproc.tls() != null).log();
            ExposureWarnings.log(http, extproc, access);
        });
    }

    @Override
    public Future<?> stop() {
        long drainMillis = settings.services().drainTimeout().toMillis();
        return Future.all(shutdown(httpServer, drainMillis), shutdown(extprocServer, drainMillis))
                .eventually(() -> backends == null ? Future.succeededFuture() : backends.close());
    }

    private static Future<Void> shutdown(HttpServer server, long drainMillis) {
        return server == null ? Future.succeededFuture() : server.shutdown(drainMillis, TimeUnit.MILLISECONDS);
    }

    private static Future<HttpServer> listen(ServerConfig address, HttpServer server) {
        return server.listen(address.port(), address.bind());
    }
}
