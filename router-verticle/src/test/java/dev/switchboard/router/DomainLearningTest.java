package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.bus.LearnedDomains;
import dev.switchboard.contracts.bus.LearnedState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The domain signal counts the prompts domain feedback labelled (published by the feedback loop in the learned state)
 * among its examples, and only those its own embedding model embedded.
 */
class DomainLearningTest {

    private static final String DOMAINS = String.join("\n",
            "  signals:",
            "    domains:",
            "      - name: law",
            "        mmlu_categories: [law]",
            "      - name: physics",
            "        mmlu_categories: [physics]",
            "  decisions:",
            "    - name: legal",
            "      priority: 200",
            "      rules: {operator: AND, conditions: [{type: domain, name: law}]}",
            "      modelRefs: [{model: gpt-4o}]",
            "    - name: science",
            "      priority: 200",
            "      rules: {operator: AND, conditions: [{type: domain, name: physics}]}",
            "      modelRefs: [{model: qwen-coder}]",
            "");

    /** Prompts about sound in water that a user, for whatever reason, files under law. */
    private static final List<String> TAUGHT = List.of(
            "How fast does sound travel through water?",
            "Why does sound move faster in water than in air?",
            "What is the speed of sound in sea water?",
            "Does sound travel quicker underwater?",
            "Compare how fast sound goes in water and in air.",
            "How far does sound carry under water?");

    private static final String PROMPT = "What is the speed of sound in water compared with air?";

    private static RouterFixture fixture;

    @BeforeAll
    static void deploy() throws Exception {
        fixture = RouterFixture.homelabWithDecisions(DOMAINS);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static void publish(long version, String embeddingModel, List<float[]> lawExamples) throws Exception {
        LearnedState state = new LearnedState(version, Map.of(), List.of(), Map.of(LearnedDomains.KEY,
                new LearnedDomains(Map.of(embeddingModel, Map.of("law", lawExamples)))));
        fixture.vertx.eventBus().publish(Addresses.ROUTER_LEARNING, state);
        Thread.sleep(200);
    }

    @Test
    void shouldRecordTheMatchedSignalsWithTheDecision() throws Exception {
        List<DecisionRecord> records = new CopyOnWriteArrayList<>();
        fixture.vertx.eventBus().<DecisionRecord>localConsumer(Addresses.FEEDBACK_DECISION,
                m -> records.add(m.body())).completion().await(10, TimeUnit.SECONDS);

        fixture.route("MoM", "What is the half-life of a radioactive isotope?");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (records.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(records).singleElement().satisfies(r -> assertThat(r.signals()).containsKey("domain:physics"));
    }

    @Test
    void shouldRouteOnWhatDomainFeedbackTaughtOfItsOwnEmbeddingModel() throws Exception {
        assertThat(fixture.route("MoM", PROMPT).decision()).isEqualTo("science");
        EmbedReply taught = fixture.vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED,
                new EmbedRequest(TAUGHT)).map(m -> m.body()).await(30, TimeUnit.SECONDS);

        publish(1, "another-model", taught.vectors());
        assertThat(fixture.route("MoM", PROMPT).decision()).as("vectors of another model are not compared")
                .isEqualTo("science");

        publish(2, taught.modelId(), taught.vectors());
        assertThat(fixture.route("MoM", PROMPT).decision()).isEqualTo("legal");
        assertThat(fixture.route("MoM", "Can my landlord keep the deposit for normal wear and tear?").decision())
                .isEqualTo("legal");
        assertThat(fixture.route("MoM", "What is the half-life of a radioactive isotope?").decision())
                .as("other physics questions stay physics").isEqualTo("science");
    }
}
