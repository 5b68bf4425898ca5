package dev.switchboard.app;

import dev.switchboard.app.tracing.Tracing;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.config.ConfigWarning;
import dev.switchboard.contracts.config.EmbeddingConfig;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.FeedbackSettings;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.contracts.config.SwitchboardConfig;
import dev.switchboard.contracts.health.Readiness;
import dev.switchboard.embedder.EmbedderVerticle;
import dev.switchboard.feedback.FeedbackVerticle;
import dev.switchboard.proxy.BoundedMetrics;
import dev.switchboard.proxy.ListenerOptions;
import dev.switchboard.proxy.OpsRoutes;
import dev.switchboard.proxy.ProxyVerticle;
import dev.switchboard.proxy.api.ApiAccess;
import dev.switchboard.router.RouterVerticle;
import dev.switchboard.selection.SelectionEnvironment;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running process: one Vert.x instance with Micrometer metrics and the four verticles, deployed in order
 * (embedder, router, feedback, proxy), each given only its own slice of the configuration and each counted ready when
 * its {@code start()} has completed. Until the proxy is up, a start-up probe answers {@code /health} and {@code /ready}
 * (503) on the HTTP port. {@link #stop()} drains and undeploys in reverse order.
 */
public final class Switchboard {

    private static final Logger LOGGER = LoggerFactory.getLogger(Switchboard.class);
    private static final String EMBEDDER = "embedder";
    private static final String ROUTER = "router";
    private static final String FEEDBACK = "feedback";
    private static final String PROXY = "proxy";

    private final Vertx vertx;
    private final Path configFile;
    private final LoadedConfig initial;
    private final String metricsRegistry;
    private final Readiness readiness = new Readiness();
    private final Deque<String> deployments = new ArrayDeque<>();
    private final List<EmbedderVerticle> embedders = new CopyOnWriteArrayList<>();
    private RouterVerticle router;
    private ProxyVerticle proxy;
    private ConfigWatcher watcher;
    /** The HTTP endpoints' tokens, read from the environment once: the start-up probe and the proxy share them. */
    private ApiAccess access;
    private Future<Void> stopping;
    /** Closed last, once Vert.x is: the spans of the shutdown are exported too. */
    private final Tracing tracing;

    private Switchboard(Vertx vertx, String metricsRegistry, Path configFile, LoadedConfig initial,
            Tracing tracing) {
        this.vertx = vertx;
        this.tracing = tracing;
        this.metricsRegistry = metricsRegistry;
        this.configFile = configFile;
        this.initial = initial;
    }

    /** Starts Vert.x and deploys everything; fails (with everything closed again) if any verticle fails to start. */
    public static Future<Switchboard> start(Path configFile, LoadedConfig loaded) {
        String metricsRegistry = "switchboard-" + UUID.randomUUID();
        Tracing tracing = Tracing.of(loaded.config().global().services().observability().tracing());
        Vertx vertx = BoundedMetrics.vertx(metricsRegistry, tracing.enabled()
                ? new OpenTelemetryTracingFactory(tracing.openTelemetry()) : null);
        Codecs.registerAll(vertx.eventBus());
        Switchboard switchboard = new Switchboard(vertx, metricsRegistry, configFile, loaded, tracing);
        // Not bound to a Vert.x context: on failure it completes after Vert.x is closed, when no context runs.
        Promise<Switchboard> started = Promise.promise();
        switchboard.deployAll().onComplete(deployed -> {
            if (deployed.succeeded()) {
                started.complete(switchboard);
            } else {
                switchboard.stop().onComplete(stopped -> started.fail(deployed.cause()));
            }
        });
        return started.future();
    }

    public Vertx vertx() {
        return vertx;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** The port the HTTP server listens on. */
    public int httpPort() {
        return proxy.httpPort();
    }

    /** The port the ExtProc gRPC server listens on. */
    public int extprocPort() {
        return proxy.extprocPort();
    }

    /** The router's configuration in force; for tests of hot reload. */
    RouterSettings routerSettings() {
        return router.settings();
    }

    /** Checks the config file now instead of at the next poll; for tests of hot reload. */
    Future<Void> checkConfigNow() {
        return watcher.check().mapEmpty();
    }

    /** Drains in-flight requests and closes everything in reverse order of start. Idempotent. */
    public synchronized Future<Void> stop() {
        if (stopping == null) {
            long began = System.nanoTime();
            readiness.markDraining();
            LOGGER.atInfo().setMessage("shutdown_started").log();
            if (watcher != null) {
                watcher.stop();
            }
            // Not bound to a Vert.x context, for the same reason as in start().
            Promise<Void> stopped = Promise.promise();
            undeployInReverse().eventually(vertx::close).onComplete(closed -> {
                tracing.close();
                LOGGER.atInfo().setMessage("shutdown_complete")
                        .addKeyValue(LogKeys.DURATION_MS, (System.nanoTime() - began) / 1_000_000).log();
                stopped.complete();
            });
            stopping = stopped.future();
        }
        return stopping;
    }

    private Future<Void> undeployInReverse() {
        Future<Void> chain = Future.succeededFuture();
        while (!deployments.isEmpty()) {
            String id = deployments.pop();
            chain = chain.compose(v -> vertx.undeploy(id).recover(e -> {
                LOGGER.atWarn().setMessage("undeploy_failed").setCause(e).log();
                return Future.succeededFuture();
            }));
        }
        return chain;
    }

    private Future<Void> deployAll() {
        long began = System.nanoTime();
        SwitchboardConfig config = initial.config();
        access = ApiAccess.of(config.global().proxy().auth(), System::getenv);
        List.of(EMBEDDER, ROUTER, FEEDBACK, PROXY).forEach(readiness::register);
        return startProbe(config)
                .compose(probe -> deployEmbedder(config.global().embedding())
                        .compose(v -> deploy(ROUTER, () -> router = new RouterVerticle(RouterSettings.of(config),
                                initial.revision(), BackendRegistries.getNow(metricsRegistry),
                                SelectionEnvironment.system(), tracing.openTelemetry()),
                                new DeploymentOptions()))
                        .onSuccess(v -> LOGGER.atInfo().setMessage("selection_factory_initialized")
                                .addKeyValue(LogKeys.SELECTOR_COUNT, router.selectorCount()).log())
                        .compose(v -> deploy(FEEDBACK, () -> new FeedbackVerticle(FeedbackSettings.of(config),
                                BackendRegistries.getNow(metricsRegistry), tracing.openTelemetry()),
                                new DeploymentOptions()))
                        // The probe hands the HTTP port over to the proxy, which owns it from here on.
                        .compose(v -> probe.close())
                        .compose(v -> deploy(PROXY, () -> proxy = new ProxyVerticle(ProxySettings.of(config),
                                readiness, metricsRegistry, access, tracing.openTelemetry()),
                                new DeploymentOptions()))
                        .onFailure(e -> probe.close()))
                .onSuccess(v -> {
                    startWatcher();
                    logStartupComplete(config, (System.nanoTime() - began) / 1_000_000);
                });
    }

    private Future<HttpServer> startProbe(SwitchboardConfig config) {
        var http = config.global().services().http();
        return vertx.createHttpServer(ListenerOptions.http(http))
                .requestHandler(OpsRoutes.mountStarting(Router.router(vertx), readiness, metricsRegistry,
                        access.metrics()))
                .listen(http.port(), http.bind());
    }

    private Future<Void> deployEmbedder(EmbeddingConfig embedding) {
        LOGGER.atInfo().setMessage("embedding_models_init_started")
                .addKeyValue(LogKeys.MODEL_SOURCE, embedding.source())
                .addKeyValue(LogKeys.INSTANCES, embedding.instances()).log();
        DeploymentOptions options = EmbedderVerticle.deploymentOptions(embedding);
        return deploy(EMBEDDER, () -> {
            EmbedderVerticle embedder = new EmbedderVerticle(embedding, BackendRegistries.getNow(metricsRegistry),
                    tracing.openTelemetry());
            embedders.add(embedder);
            return embedder;
        }, options).onSuccess(v -> LOGGER.atInfo()
                .setMessage(embeddingReady() ? "embedding_models_initialized" : "embedding_models_init_completed")
                .addKeyValue(LogKeys.EMBEDDING_READY, embeddingReady()).log());
    }

    private Future<Void> deploy(String component, Supplier<io.vertx.core.Deployable> verticle, DeploymentOptions options) {
        return vertx.deployVerticle(verticle, options).map(id -> {
            deployments.push(id);
            readiness.markReady(component);
            return null;
        });
    }

    private boolean embeddingReady() {
        return !embedders.isEmpty() && embedders.stream().allMatch(EmbedderVerticle::modelReady);
    }

    private void startWatcher() {
        if (initial.config().global().reload().enabled()) {
            watcher = new ConfigWatcher(vertx, configFile, initial,
                    applied -> Logging.applyLevel(applied.config().global().logging().level()));
            watcher.start();
        }
    }

    private void logStartupComplete(SwitchboardConfig config, long durationMs) {
        LOGGER.atInfo().setMessage("startup_complete")
                .addKeyValue(LogKeys.EMBEDDING_READY, embeddingReady())
                .addKeyValue(LogKeys.MODEL_SELECTION, !config.routing().decisions().isEmpty())
                .addKeyValue(LogKeys.HTTP_PORT, httpPort())
                .addKeyValue(LogKeys.EXTPROC_PORT, extprocPort())
                .addKeyValue(LogKeys.DECISIONS, config.routing().decisions().stream()
                        .map(d -> d.name()).collect(Collectors.joining(",")))
                .addKeyValue(LogKeys.REVISION, initial.revision())
                .addKeyValue(LogKeys.DURATION_MS, durationMs).log();
    }

    /** One start-up warning per known reference feature that the config uses and Switchboard ignores. */
    static void logUnsupported(ConfigWarning warning) {
        LOGGER.atWarn().setMessage("config_unsupported_feature").addKeyValue(LogKeys.PATH, warning.path())
                .addKeyValue(LogKeys.DETAIL, warning.message()).log();
    }
}
