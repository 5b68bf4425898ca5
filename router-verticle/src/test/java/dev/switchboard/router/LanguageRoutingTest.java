package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.RouteDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Language signals with a real detector: a decision per language, the homelab decision for the rest. */
class LanguageRoutingTest {

    private static RouterFixture fixture;

    @BeforeAll
    static void deploy() throws Exception {
        fixture = RouterFixture.homelabWithDecisions("""
                  signals:
                    language:
                      - name: de
                        description: German-language requests.
                      - name: zh
                  decisions:
                    - name: german
                      priority: 200
                      rules: {type: language, name: de}
                      modelRefs: [{model: gemini-flash}]
                    - name: chinese
                      priority: 200
                      rules: {operator: OR, conditions: [{type: language, name: zh}]}
                      modelRefs: [{model: gpt-4o}]
                """);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    static RouteDecision route(String prompt) throws Exception {
        return fixture.route("MoM", prompt);
    }

    @Test
    void shouldRouteEachConfiguredLanguageToItsDecision() throws Exception {
        assertThat(route("Wie viele Einwohner hat Berlin und wie hat sich die Zahl entwickelt?").decision())
                .isEqualTo("german");
        assertThat(route("请用三句话解释一下量子纠缠是什么。").decision()).isEqualTo("chinese");
    }

    @Test
    void shouldUseTheNamedDecisionWhenTheModelIsADecisionName() throws Exception {
        RouteDecision forced = fixture.route("german", "Write a Python function");

        assertThat(forced.decision()).isEqualTo("german");
        assertThat(forced.selectedModel()).isEqualTo("gemini-flash");
    }

    @Test
    void shouldLeaveOtherLanguagesToTheCatchAll() throws Exception {
        assertThat(route("Write me a Python function to compute fibonacci numbers").decision()).isEqualTo("MoM");
        assertThat(route("¿Cuál es la capital de Francia y cuántos habitantes tiene?").decision()).isEqualTo("MoM");
    }
}
