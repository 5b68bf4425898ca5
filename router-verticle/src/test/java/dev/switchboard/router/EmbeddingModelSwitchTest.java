package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Learned exemplars are kept with the id of the model that embedded them, and a router compares only those of its
 * own model: after a switch of embedding model, what was learned in the old model's vector space does not steer the
 * new one (the homelab decision with {@code knn}, one line changed).
 */
class EmbeddingModelSwitchTest {

    private static final String CODING = "Write a Python function that merges two sorted lists into one sorted list";
    private static final List<String> TAUGHT = List.of(
            "Write a Python function that merges two sorted lists",
            "Merge two sorted Python lists into one sorted list",
            "Python: combine two sorted lists keeping the order",
            "Write code to merge two sorted arrays in Python",
            "How do I merge two sorted lists in Python efficiently?",
            "Implement merge of two sorted lists in Python",
            "Python function merging sorted lists",
            "Merge sorted lists in Python without using sort()");

    private static RouterFixture fixture;

    @BeforeAll
    static void deploy() throws Exception {
        String yaml = RouterFixture.homelabYaml().replace("type: multi_factor", "type: knn");
        fixture = new RouterFixture();
        var config = RouterFixture.parse(yaml);
        fixture.withEmbedder(config).deployRouter(config);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    /** Exemplars that say gpt-4o, not qwen-coder, is the model for these prompts. */
    private static void publish(long version, String embeddingModel, List<float[]> vectors) throws Exception {
        List<LearnedState.Exemplar> exemplars = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            exemplars.add(new LearnedState.Exemplar(i + 1, embeddingModel, vectors.get(i), "MoM", "qwen-coder", null,
                    Map.of(), Map.of(), List.of(new LearnedState.Label("gpt-4o", 1, 1),
                            new LearnedState.Label("qwen-coder", 0, 1)), List.of()));
        }
        fixture.vertx.eventBus().publish(Addresses.ROUTER_LEARNING, new LearnedState(version, Map.of(), exemplars));
        Thread.sleep(200);
    }

    /** A dry run: where the prompt goes, without a live request's occasional exploration of the runner-up. */
    private static String route() throws Exception {
        return fixture.route(new RouteRequest("r", "MoM", CODING, List.of(), CODING.length() / 4, null, null, true,
                "test")).selectedModel();
    }

    @Test
    void shouldRouteOnlyOnExemplarsOfItsOwnEmbeddingModel() throws Exception {
        EmbedReply taught = fixture.vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED,
                new EmbedRequest(TAUGHT)).map(m -> m.body()).await(30, TimeUnit.SECONDS);
        String before = route();

        publish(1, "local:another-model", taught.vectors());
        assertThat(route()).as("another model's exemplars are not compared")
                .isEqualTo(before);

        publish(2, taught.modelId(), taught.vectors());
        assertThat(route()).as("its own model's exemplars teach")
                .isEqualTo("gpt-4o");
        assertThat(before).isNotEqualTo("gpt-4o");
    }
}
