package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.ConfigReload;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.LoadedConfig;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every check the watcher is asked for gets an answer, however quickly the worker reading the file finishes. */
class ConfigWatcherTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @BeforeEach
    void registerCodecs() {
        Codecs.registerAll(vertx.eventBus());
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void shouldAnswerEveryCheckOfAnUnchangedFile() throws Exception {
        // Given a watcher polling hourly, so that only the checks asked for run
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, TestConfigs.homelabOnFreePortsText(dir).replace("poll_interval: 100ms",
                "poll_interval: 1h"));
        LoadedConfig initial = ConfigLoader.load(config);
        ConfigWatcher watcher = new ConfigWatcher(vertx, config, initial, applied -> { });
        watcher.start();

        // When checks follow one another (a check whose worker finished before its chain was built once answered
        // null, a few times in a hundred)
        for (int i = 0; i < 500; i++) {
            ConfigReload reload = watcher.check().await(5, TimeUnit.SECONDS);

            // Then each says the file is unchanged, at the revision in force
            assertThat(reload).as("check %d", i).isNotNull();
            assertThat(reload.status()).isEqualTo(ConfigReload.UNCHANGED);
            assertThat(reload.revision()).isEqualTo(initial.revision());
        }
        watcher.stop();
    }

    @Test
    void shouldApplyAChangedFileOnceAndThenCallItUnchanged() throws Exception {
        // Given
        Path config = dir.resolve("config.yaml");
        String original = TestConfigs.homelabOnFreePortsText(dir).replace("poll_interval: 100ms", "poll_interval: 1h");
        Files.writeString(config, original);
        ConfigWatcher watcher = new ConfigWatcher(vertx, config, ConfigLoader.load(config), applied -> { });
        watcher.start();

        // When
        Files.writeString(config, original.replace("priority: 100", "priority: 150"));
        ConfigReload first = watcher.check().await(5, TimeUnit.SECONDS);
        ConfigReload second = watcher.check().await(5, TimeUnit.SECONDS);

        // Then
        assertThat(first.status()).isEqualTo(ConfigReload.APPLIED);
        assertThat(first.revision()).isEqualTo(ConfigLoader.revisionOf(Files.readString(config)));
        assertThat(second.status()).isEqualTo(ConfigReload.UNCHANGED);
        assertThat(second.revision()).isEqualTo(first.revision());
        watcher.stop();
    }
}
