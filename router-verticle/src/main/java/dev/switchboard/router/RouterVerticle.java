package dev.switchboard.router;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.ConfigChanged;
import dev.switchboard.contracts.config.RouterSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which model serves a request. Holds the routing configuration as one immutable snapshot that a config
 * change replaces atomically, so a request in flight finishes on the version it started with.
 */
public final class RouterVerticle extends VerticleBase {

    private static final Logger LOGGER = LoggerFactory.getLogger(RouterVerticle.class);

    private final AtomicReference<RouterSettings> settings;

    public RouterVerticle(RouterSettings settings) {
        this.settings = new AtomicReference<>(settings);
    }

    /**
     * How many selection algorithms this router can run; logged as {@code selector_count} at start-up. None are
     * registered until the selection algorithms land.
     */
    public int selectorCount() {
        return 0;
    }

    /** The routing configuration in force. */
    public RouterSettings settings() {
        return settings.get();
    }

    @Override
    public Future<?> start() {
        MessageConsumer<ConfigChanged> consumer =
                vertx.eventBus().localConsumer(Addresses.CONFIG_CHANGED, this::applyConfig);
        return consumer.completion();
    }

    private void applyConfig(Message<ConfigChanged> message) {
        settings.set(RouterSettings.of(message.body().config()));
        LOGGER.atInfo().setMessage("config_applied").addKeyValue("component", "router")
                .addKeyValue("revision", message.body().revision()).log();
    }
}
