package dev.switchboard.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPricesTest {

    private static final PriceTable TABLE = PriceTable.shipped();

    @Test
    void shouldLetTheConfigsPricingWinOverTheTableAndOverALocalBackend() throws Exception {
        SwitchboardConfig config = ConfigLoader.parse("""
                version: v0.3
                providers:
                  defaults: {default_model: gpt-4o}
                  models:
                    - name: gpt-4o
                      pricing: {prompt_per_1m: 1.0, completion_per_1m: 2.0}
                      backend_refs: [{name: openai, base_url: "https://api.openai.com/v1"}]
                    - name: local-priced
                      pricing: {prompt_per_1m: 0.1}
                      backend_refs: [{name: ollama, endpoint: "127.0.0.1:11434"}]
                    - name: unknown
                      provider_model_id: some-new-model
                      backend_refs: [{name: example, base_url: "https://api.example.com/v1"}]
                """, "test").config();

        Pricing gpt4o = config.providers().model("gpt-4o").orElseThrow().pricing();
        assertThat(gpt4o.origin()).isEqualTo(PriceOrigin.CONFIG);
        assertThat(gpt4o.configured()).isTrue();
        assertThat(gpt4o.cost(1_000_000, 500_000)).isEqualTo(2.0);
        assertThat(config.providers().model("local-priced").orElseThrow().pricing().promptPer1m()).isEqualTo(0.1);
        assertThat(config.providers().model("unknown").orElseThrow().pricing()).isNull();
        assertThat(ModelPrices.describe(config.providers()))
                .contains("gpt-4o: 1.00 prompt / 2.00 completion USD per 1M tokens, from the config")
                .anySatisfy(line -> assertThat(line).startsWith("unknown: no price"));
    }

    @Test
    void shouldMatchDatedAndPrefixedIdsButNeverTakeAnotherModelsPrice() {
        double gpt4o = TABLE.lookup("gpt-4o").orElseThrow().promptPer1m();

        assertThat(TABLE.lookup("GPT-4o").orElseThrow().promptPer1m()).isEqualTo(gpt4o);
        assertThat(TABLE.lookup("gpt-4o-2024-08-06").orElseThrow().id()).isEqualTo("gpt-4o");
        assertThat(TABLE.lookup("openai/gpt-4o").orElseThrow().id()).isEqualTo("gpt-4o");
        assertThat(TABLE.lookup("models/gemini-2.5-flash").orElseThrow().id()).isEqualTo("gemini-2.5-flash");
        assertThat(TABLE.lookup("claude-sonnet-4-5-20250929").orElseThrow().id()).isEqualTo("claude-sonnet-4-5");
        assertThat(TABLE.lookup("claude-3-5-haiku-latest").orElseThrow().id()).isEqualTo("claude-3-5-haiku");
        assertThat(TABLE.lookup("gpt-4o-mini").orElseThrow().promptPer1m()).isLessThan(gpt4o);
        assertThat(TABLE.lookup("gpt-4o-audio-preview")).isEmpty();
        assertThat(TABLE.lookup("qwen2.5-coder:7b")).isEmpty();
        assertThat(TABLE.lookup(null)).isEmpty();
    }

    @Test
    void shouldDateEveryPriceAndNameItsSource() {
        assertThat(TABLE.entries()).hasSizeGreaterThan(10).allSatisfy(entry -> {
            assertThat(LocalDate.parse(entry.asOf())).isBefore(LocalDate.of(2026, 12, 7));
            assertThat(entry.source()).startsWith("https://");
            assertThat(entry.promptPer1m()).isPositive();
            assertThat(entry.completionPer1m()).isGreaterThanOrEqualTo(entry.promptPer1m());
        });
    }

    @Test
    void shouldTellLocalBackendsFromCloudOnesWithoutResolvingNames() {
        for (String host : List.of("localhost", "127.0.0.1", "host.docker.internal", "ollama", "10.0.0.5",
                "172.20.1.1", "192.168.1.20", "169.254.1.1", "100.101.1.2", "nas.local", "gpu.lan", "box.home.arpa",
                "::1", "fd12:3456::1", "fe80::1%eth0")) {
            assertThat(LocalBackends.isLocalHost(host)).as(host).isTrue();
        }
        for (String host : List.of("api.openai.com", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:db8::1",
                "generativelanguage.googleapis.com")) {
            assertThat(LocalBackends.isLocalHost(host)).as(host).isFalse();
        }
        assertThat(LocalBackends.isLocal(new BackendRef("b", "[::1]:8000", null, null, null, null, null))).isTrue();
        assertThat(LocalBackends.isLocal(new BackendRef("b", null, "http://192.168.1.2:8000/v1", null, null, null,
                null))).isTrue();
        assertThat(LocalBackends.isLocal(new BackendRef("b", null, "https://api.openai.com/v1", null, null, null,
                null))).isFalse();
    }
}
