package dev.switchboard.proxy.dashboard;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.config.ProvidersConfig;
import dev.switchboard.proxy.ErrorResponses;
import dev.switchboard.proxy.api.BearerAuth;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The live dashboard: {@code GET /dashboard} serves a page (with its script and style, from this jar: no CDN, it
 * works without internet access) that polls {@code GET /dashboard/api/snapshot} every two seconds. The page holds no
 * data; the snapshot is behind the admin token when {@code global.proxy.auth.admin_token_env} names one (the page
 * asks for it and sends it as a bearer token), open otherwise, like the rest of a loopback-bound Switchboard.
 */
public final class DashboardRoutes {

    public static final String PAGE_PATH = "/dashboard";
    public static final String SNAPSHOT_PATH = "/dashboard/api/snapshot";
    static final String SCRIPT_PATH = "/dashboard/dashboard.js";
    static final String STYLE_PATH = "/dashboard/dashboard.css";
    /** Only this origin's own script and style, and requests back to it: nothing inline, nothing from elsewhere. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Vertx vertx;
    private final BearerAuth auth;
    private final MeterRegistry registry;
    private final Supplier<ProvidersConfig> providers;
    private final Supplier<LearnedState> learned;
    private final RecentDecisions recent = new RecentDecisions();

    /**
     * @param auth      the admin token's check, open when none is configured ({@code ApiAccess#dashboard})
     * @param registry  the process's meters (those {@code /metrics} serves)
     * @param providers the models of the config in force
     * @param learned   what the learners last published
     */
    public DashboardRoutes(Vertx vertx, BearerAuth auth, MeterRegistry registry, Supplier<ProvidersConfig> providers,
            Supplier<LearnedState> learned) {
        this.vertx = vertx;
        this.auth = auth;
        this.registry = registry;
        this.providers = providers;
        this.learned = learned;
    }

    public Router mount(Router router) {
        vertx.eventBus().<DecisionRecord>localConsumer(Addresses.FEEDBACK_DECISION, message -> recent.add(message.body()));
        router.get(PAGE_PATH).handler(asset("index.html", "text/html; charset=utf-8"));
        router.get(SCRIPT_PATH).handler(asset("dashboard.js", "text/javascript; charset=utf-8"));
        router.get(STYLE_PATH).handler(asset("dashboard.css", "text/css; charset=utf-8"));
        router.get(SNAPSHOT_PATH).handler(auth).handler(this::snapshot);
        return router;
    }

    private void snapshot(RoutingContext rc) {
        rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        ErrorResponses.send(rc, 200, DashboardSnapshot.of(registry, providers.get(), learned.get(), recent,
                System.currentTimeMillis()));
    }

    private static io.vertx.core.Handler<RoutingContext> asset(String name, String contentType) {
        Buffer body = Buffer.buffer(read(name));
        return rc -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(body);
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the proxy jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name, e);
        }
    }
}
