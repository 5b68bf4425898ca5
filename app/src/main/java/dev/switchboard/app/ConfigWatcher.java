package dev.switchboard.app;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.ConfigChanged;
import dev.switchboard.contracts.bus.ConfigReload;
import dev.switchboard.contracts.config.ConfigException;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ConfigWarning;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.SwitchboardConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: polls the config file and, when its bytes change, parses and validates it off the event loop. A valid
 * file is published on {@link Addresses#CONFIG_CHANGED}; an invalid one is rejected with one log line naming the
 * error, and the running configuration stays. A file is judged once per distinct content, so a broken file is not
 * re-reported every poll. {@link Addresses#CONFIG_RELOAD} (the admin API's {@code POST /api/v1/config/reload})
 * checks it now.
 */
final class ConfigWatcher {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Vertx vertx;
    private final Path file;
    private final long pollMillis;
    private final Consumer<LoadedConfig> onApplied;
    /** Every check runs here, one at a time: the watcher's state is confined to this context's thread. */
    private final Context context;
    private LoadedConfig current;
    private String lastSeenRevision;
    private long timerId = -1;
    private Future<ConfigReload> inFlight;
    private MessageConsumer<Object> reloads;

    /**
     * @param onApplied called on the event loop after a new config has been published
     */
    ConfigWatcher(Vertx vertx, Path file, LoadedConfig initial, Consumer<LoadedConfig> onApplied) {
        this.vertx = vertx;
        this.file = file;
        this.current = initial;
        this.lastSeenRevision = initial.revision();
        this.pollMillis = initial.config().global().reload().pollInterval().toMillis();
        this.onApplied = onApplied;
        this.context = vertx.getOrCreateContext();
    }

    void start() {
        context.runOnContext(v -> timerId = vertx.setPeriodic(pollMillis, id -> checkOnContext()));
        reloads = vertx.eventBus().<Object>localConsumer(Addresses.CONFIG_RELOAD,
                request -> check().onComplete(done -> request.reply(done.result())));
    }

    void stop() {
        if (reloads != null) {
            reloads.unregister();
        }
        context.runOnContext(v -> {
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
        });
    }

    /** Checks the file once, from any thread; completes when a changed file has been applied or rejected. */
    Future<ConfigReload> check() {
        Promise<ConfigReload> checked = Promise.promise();
        context.runOnContext(v -> checkOnContext().onComplete(checked));
        return checked.future();
    }

    /** On the watcher's context; a call during a check returns that check. Never fails. */
    private Future<ConfigReload> checkOnContext() {
        if (inFlight != null) {
            return inFlight;
        }
        Future<ConfigReload> check = vertx.executeBlocking(this::readIfChanged, false)
                .map(this::handle)
                .recover(e -> {
                    LOGGER.atWarn().setMessage("config_rejected").addKeyValue(LogKeys.CONFIG_FILE, file)
                            .addKeyValue(LogKeys.ERROR, e.toString()).log();
                    return Future.succeededFuture(new ConfigReload(ConfigReload.REJECTED, current.revision(),
                            List.of("cannot read " + file + ": " + e.getMessage())));
                });
        // Assigned before the handler that clears it: when the worker has already finished, the chain completes
        // while it is being built and the handler runs at once. Clearing it in one expression with the assignment
        // left a completed check in place for good, and every later reload and poll answered with its result (CI
        // saw "applied" for an unchanged file). For the same reason the check itself is returned, not the field: a
        // check that completed while being built has already cleared it, and returning the field answered null (the
        // admin API's reload then never got a reply; CI saw its request time out).
        inFlight = check;
        check.onComplete(done -> {
            if (inFlight == check) {
                inFlight = null;
            }
        });
        return check;
    }

    /** The result of one look at the file: nothing new, a valid config, or the reason it was rejected. */
    private record Reading(LoadedConfig loaded, ConfigException rejected) {
        static final Reading UNCHANGED = new Reading(null, null);
    }

    private Reading readIfChanged() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String revision = ConfigLoader.revisionOf(text);
        if (revision.equals(lastSeenRevision)) {
            return Reading.UNCHANGED;
        }
        lastSeenRevision = revision;
        try {
            return new Reading(ConfigLoader.parse(text, file.toString()), null);
        } catch (ConfigException e) {
            return new Reading(null, e);
        }
    }

    private ConfigReload handle(Reading reading) {
        if (reading.rejected() != null) {
            List<String> problems = reading.rejected().problems().stream().map(Object::toString).toList();
            LOGGER.atWarn().setMessage("config_rejected").addKeyValue(LogKeys.CONFIG_FILE, file)
                    .addKeyValue(LogKeys.REVISION, current.revision())
                    .addKeyValue(LogKeys.ERROR, String.join("; ", problems)).log();
            return new ConfigReload(ConfigReload.REJECTED, current.revision(), problems);
        }
        if (reading.loaded() != null) {
            apply(reading.loaded());
            return new ConfigReload(ConfigReload.APPLIED, current.revision(), List.of());
        }
        return new ConfigReload(ConfigReload.UNCHANGED, current.revision(), List.of());
    }

    private void apply(LoadedConfig loaded) {
        List<String> restartOnly = restartOnlyChanges(current.config(), loaded.config());
        current = loaded;
        for (ConfigWarning warning : loaded.warnings()) {
            Switchboard.logUnsupported(warning);
        }
        vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new ConfigChanged(loaded.revision(), loaded.config()));
        LOGGER.atInfo().setMessage("config_reloaded").addKeyValue(LogKeys.CONFIG_FILE, file)
                .addKeyValue(LogKeys.REVISION, loaded.revision()).log();
        if (!restartOnly.isEmpty()) {
            LOGGER.atWarn().setMessage("config_restart_required").addKeyValue(LogKeys.SECTIONS, restartOnly).log();
        }
        onApplied.accept(loaded);
    }

    /** Sections read once at start-up (listening sockets, the broker, the embedding model): a change needs a restart. */
    private static List<String> restartOnlyChanges(SwitchboardConfig before, SwitchboardConfig after) {
        List<String> sections = new ArrayList<>();
        if (!before.global().services().equals(after.global().services())) {
            sections.add("global.services");
        }
        if (!before.global().proxy().equals(after.global().proxy())) {
            sections.add("global.proxy");
        }
        if (!before.global().kafka().equals(after.global().kafka())) {
            sections.add("global.kafka");
        }
        if (!before.global().learning().equals(after.global().learning())) {
            sections.add("global.learning");
        }
        if (!before.global().embedding().equals(after.global().embedding())) {
            sections.add("global.embedding");
        }
        if (!before.global().stores().equals(after.global().stores())) {
            sections.add("global.stores");
        }
        if (!before.global().reload().equals(after.global().reload())) {
            sections.add("global.reload");
        }
        return sections;
    }
}
