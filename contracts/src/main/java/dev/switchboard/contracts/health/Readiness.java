package dev.switchboard.contracts.health;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether each part of the process is ready to serve, as reported by {@code GET /ready}. Components are registered
 * in deployment order and marked ready when their verticle's {@code start()} has completed; the process is ready
 * when all of them are and it is not draining.
 *
 * <p>Thread-safe: written by the launcher, read by HTTP handlers on any event loop.
 */
public final class Readiness {

    private final Map<String, Boolean> components = new LinkedHashMap<>();
    private boolean draining;

    /** Adds a component that is not ready yet. */
    public synchronized void register(String component) {
        components.put(component, false);
    }

    public synchronized void markReady(String component) {
        if (!components.containsKey(component)) {
            throw new IllegalArgumentException("unknown component " + component);
        }
        components.put(component, true);
    }

    /** Shutdown has begun: the process stops being ready so that load balancers take it out of rotation. */
    public synchronized void markDraining() {
        draining = true;
    }

    public synchronized boolean isReady() {
        return !draining && !components.isEmpty() && !components.containsValue(false);
    }

    /** The body of {@code GET /ready}: {@code {"status": "ready|starting|draining", "components": {...}}}. */
    public synchronized JsonObject toJson() {
        String status = draining ? "draining" : isReady() ? "ready" : "starting";
        return new JsonObject().put("status", status).put("components", new JsonObject(new LinkedHashMap<>(components)));
    }
}
