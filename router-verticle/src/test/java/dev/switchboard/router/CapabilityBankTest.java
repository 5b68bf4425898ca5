package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.SelectionPlugins;
import dev.switchboard.selection.SelectionEnvironment;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bank's capabilities go to the homelab cards that describe them, found from the card texts alone. */
class CapabilityBankTest {

    @Test
    void shouldGiveEachCapabilityToTheCardThatDescribesIt() throws Exception {
        List<CapabilityBank.Capability> bank = CapabilityBank.load();
        LoadedConfig homelab = RouterFixture.parse(RouterFixture.homelabYaml());
        try (RouterFixture fixture = new RouterFixture().withEmbedder(homelab)) {
            RoutingSnapshot snapshot = new SnapshotBuilder(fixture.vertx, SelectionPlugins.installed(),
                    new SelectionEnvironment(Clock.systemUTC(), new SplittableRandom(1)))
                    .build("rev", RouterSettings.of(homelab.config())).await(60, TimeUnit.SECONDS);

            Map<String, Integer> anchors = snapshot.candidates().get("MoM").stream()
                    .collect(Collectors.toMap(Candidate::model, c -> c.anchors().size()));

            assertThat(bank).extracting(CapabilityBank.Capability::name)
                    .containsExactly("programming", "analytical reasoning", "everyday questions and writing");
            assertThat(anchors).containsEntry("qwen-coder", bank.get(0).prompts().size())
                    .containsEntry("gpt-4o", bank.get(1).prompts().size())
                    .containsEntry("gemini-flash", bank.get(2).prompts().size());
        }
    }

    @Test
    void shouldCutACardIntoItsClaims() {
        assertThat(CapabilityAssignment.claims("Fast general-purpose model. Ideal for simple factual questions, quick "
                + "lookups, and translations in Python, Go. Capabilities: chat, q&a."))
                .containsExactly("Fast general-purpose model", "Ideal for simple factual questions", "quick lookups",
                        "and translations in Python", "Capabilities: chat", "q&a");
        assertThat(CapabilityAssignment.claims("Model: x.")).containsExactly("Model: x");
        assertThat(CapabilityAssignment.claims("Go.")).as("nothing long enough: the whole text").containsExactly("Go.");
        assertThat(CapabilityAssignment.claims("v2.5 handles 3.14, e.g. maths")).as("a dot inside a word does not cut")
                .containsExactly("v2.5 handles 3.14", "e.g", "maths");
    }
}
