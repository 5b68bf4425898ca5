package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void shouldSpreadRequestsInProportionToWeights() {
        ModelDefinition model = new ModelDefinition("m", null, null, null, List.of(
                new BackendRef("primary", "127.0.0.1:1", null, null, null, 80, null),
                new BackendRef("secondary", "127.0.0.1:2", null, null, null, 20, null),
                new BackendRef("drained", "127.0.0.1:3", null, null, null, 0, null)));
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> counts = new HashMap<>();

        for (int i = 0; i < 10_000; i++) {
            counts.merge(Backends.choose(model, random).name(), 1, Integer::sum);
        }

        assertThat(counts.get("primary")).isBetween(7_700, 8_300);
        assertThat(counts.get("secondary")).isBetween(1_700, 2_300);
        assertThat(counts).doesNotContainKey("drained");
    }
}
