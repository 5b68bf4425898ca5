package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.ConfigChanged;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A config change rebuilds the snapshot (cards re-embedded) and swaps it; a request in flight keeps its own. */
class RouterReloadTest {

    private RouterFixture fixture;

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void shouldSwapConfigAndCardsAtomicallyWhileInFlightRequestsFinishOnTheOldVersion() throws Exception {
        // Given the homelab router
        String homelab = RouterFixture.homelabYaml();
        LoadedConfig before = RouterFixture.parse(homelab);
        fixture = new RouterFixture().withEmbedder(before);
        RouterVerticle router = new RouterVerticle(RouterSettings.of(before.config()), before.revision(), null);
        fixture.deployRouter(router);
        // A new version in which qwen-coder and gemini-flash have swapped descriptions
        String coderCard = homelab.substring(homelab.indexOf("Specialized coding model"),
                homelab.indexOf("    - name: gpt-4o", homelab.indexOf("routing:")));
        String generalCard = homelab.substring(homelab.indexOf("Fast general-purpose model."),
                homelab.indexOf("  decisions:"));
        LoadedConfig after = RouterFixture.parse(homelab.replace(coderCard, "@coder@")
                .replace(generalCard, coderCard).replace("@coder@", generalCard));
        String coding = "Write me a Python function to compute fibonacci numbers using memoization";

        // When a request is in flight as the change arrives
        Future<RouteDecision> inFlight = route(coding);
        fixture.vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new ConfigChanged(after.revision(), after.config()));

        // Then it finishes on the version it started with
        assertThat(inFlight.await(30, TimeUnit.SECONDS).configRevision()).isEqualTo(before.revision());
        assertThat(inFlight.result().selectedModel()).isEqualTo("qwen-coder");

        // And later requests see the new cards
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        RouteDecision later = route(coding).await(30, TimeUnit.SECONDS);
        while (!later.configRevision().equals(after.revision()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            later = route(coding).await(30, TimeUnit.SECONDS);
        }
        assertThat(later.configRevision()).isEqualTo(after.revision());
        assertThat(later.selectedModel()).isEqualTo("gemini-flash");
        assertThat(router.settings().routing().modelCards().get(2).description()).startsWith("Specialized coding");
    }

    private Future<RouteDecision> route(String prompt) {
        return fixture.send("MoM", prompt, null);
    }
}
