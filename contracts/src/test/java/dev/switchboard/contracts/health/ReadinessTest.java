package dev.switchboard.contracts.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void shouldBeReadyOnlyWhenEveryComponentIsAndNotDraining() {
        Readiness readiness = new Readiness();
        assertThat(readiness.isReady()).as("nothing registered yet").isFalse();

        readiness.register("embedder");
        readiness.register("proxy");
        readiness.markReady("embedder");
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.toJson().getString("status")).isEqualTo("starting");
        assertThat(readiness.toJson().getJsonObject("components").getMap())
                .containsEntry("embedder", true).containsEntry("proxy", false);

        readiness.markReady("proxy");
        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.toJson().getString("status")).isEqualTo("ready");

        readiness.markDraining();
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.toJson().getString("status")).isEqualTo("draining");
    }

    @Test
    void shouldRefuseToMarkAnUnregisteredComponent() {
        assertThatThrownBy(() -> new Readiness().markReady("router")).isInstanceOf(IllegalArgumentException.class);
    }
}
