package dev.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ConfigException;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.EmbeddingConfig;
import dev.switchboard.contracts.config.GlobalConfig;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ModelRef;
import dev.switchboard.contracts.config.PriceOrigin;
import dev.switchboard.contracts.config.ServerConfig;
import dev.switchboard.contracts.config.SwitchboardConfig;
import dev.switchboard.selection.multifactor.MultiFactorSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The homelab article's config.yaml, as shipped in conf/, loads with the meaning its author wrote (with the real
 * algorithm plugins, as {@code switchboard validate} has them).
 */
class HomelabConfigTest {

    private static final Path HOMELAB = Path.of("..", "conf", "config.yaml");

    @Test
    void shouldLoadTheHomelabFileWithoutWarnings() throws ConfigException {
        // When
        LoadedConfig loaded = ConfigLoader.load(HOMELAB);

        // Then
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.revision()).hasSize(12);
        SwitchboardConfig config = loaded.config();
        assertThat(config.version()).isEqualTo("v0.3");
        assertThat(config.providers().defaults().defaultModel()).isEqualTo("qwen-coder");
        assertThat(config.providers().models()).extracting(ModelDefinition::name)
                .containsExactly("qwen-coder", "gpt-4o", "gemini-flash");
    }

    @Test
    void shouldReadBackendsAsEndpointOrBaseUrlWithTheirChatPaths() throws ConfigException {
        SwitchboardConfig config = ConfigLoader.load(HOMELAB).config();

        ModelDefinition qwen = config.providers().model("qwen-coder").orElseThrow();
        assertThat(qwen.providerModelId()).isEqualTo("qwen2.5-coder:7b");
        assertThat(qwen.backendRefs()).singleElement().satisfies(backend -> {
            assertThat(backend.endpoint()).isEqualTo("host.docker.internal:11434");
            assertThat(backend.protocol()).isEqualTo("http");
            assertThat(backend.chatPath()).isEqualTo("/v1/chat/completions");
            assertThat(backend.apiKeyEnv()).isNull();
        });
        BackendRef gemini = config.providers().model("gemini-flash").orElseThrow().backendRefs().get(0);
        assertThat(gemini.baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/openai");
        assertThat(gemini.chatPath()).isEqualTo("/chat/completions");
        // The file prices nothing: gpt-4o takes the shipped table's price, never one "from the config".
        assertThat(config.providers().model("gpt-4o").orElseThrow().pricing().origin()).isEqualTo(PriceOrigin.TABLE);
        assertThat(config.providers().model("gpt-4o").orElseThrow().pricing().configured()).isFalse();
    }

    @Test
    void shouldFoldModelCardDescriptionsIntoOneLine() throws ConfigException {
        SwitchboardConfig config = ConfigLoader.load(HOMELAB).config();

        assertThat(config.routing().modelCards()).extracting(ModelCard::name)
                .containsExactly("qwen-coder", "gpt-4o", "gemini-flash");
        ModelCard qwen = config.routing().modelCards().get(0);
        assertThat(qwen.paramSize()).isEqualTo("7B");
        assertThat(qwen.contextWindowSize()).isEqualTo(32768L);
        assertThat(qwen.description())
                .startsWith("Specialized coding model optimized for programming tasks. Excellent at writing code,")
                .endsWith("writing tests, and technical programming Q&A.")
                .doesNotContain("\n");
        assertThat(config.routing().modelCards().get(2).paramSize()).isEqualTo("~100B");
    }

    @Test
    void shouldReadTheMixtureOfModelsDecisionAsTheAuthorWroteIt() throws ConfigException {
        SwitchboardConfig config = ConfigLoader.load(HOMELAB).config();

        DecisionDefinition mom = config.routing().decisions().get(0);
        assertThat(mom.name()).isEqualTo("MoM");
        assertThat(mom.priority()).isEqualTo(100);
        assertThat(mom.rules().isEmpty()).as("rules: {} matches every request").isTrue();
        assertThat(mom.modelRefs()).extracting(ModelRef::model).containsExactly("qwen-coder", "gpt-4o", "gemini-flash");
        assertThat(mom.algorithm().type()).isEqualTo("multi_factor");
        MultiFactorSettings multiFactor = mom.algorithm().settings(MultiFactorSettings.class).orElseThrow();
        assertThat(multiFactor.weights()).isEqualTo(new MultiFactorSettings.Weights(0.1, 0.4, 0.5, 0.0));
        assertThat(multiFactor.slo().maxCostPer1m()).isEqualTo(0.5);
        assertThat(multiFactor.slo().maxTtftMs()).isNull();
        assertThat(multiFactor.onNoCandidates()).isEqualTo("cheapest");
    }

    @Test
    void shouldApplyLoopbackDefaultsForEverythingTheFileLeavesOut() throws ConfigException {
        GlobalConfig global = ConfigLoader.load(HOMELAB).config().global();

        assertThat(global.services().http()).extracting(ServerConfig::bind, ServerConfig::port)
                .containsExactly("127.0.0.1", 8080);
        assertThat(global.services().extproc()).extracting(ServerConfig::bind, ServerConfig::port)
                .containsExactly("127.0.0.1", 50051);
        assertThat(global.services().http().headerReadTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(global.services().drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(global.router().autoModelNames()).containsExactly("MoM", "auto", "switchboard/auto");
        assertThat(global.kafka().usesEmbeddedBroker()).isTrue();
        assertThat(global.kafka().topics().decisions()).isEqualTo("switchboard.decisions");
        assertThat(global.embedding().source()).isEqualTo(EmbeddingConfig.SOURCE_BUILTIN);
        assertThat(global.embedding().maxTokens()).isEqualTo(512);
        assertThat(global.reload().enabled()).isTrue();
        assertThat(global.logging().level()).isEqualTo("info");
    }
}
