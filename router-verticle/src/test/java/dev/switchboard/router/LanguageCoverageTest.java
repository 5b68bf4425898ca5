package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the English built-in model, the homelab config as it is: a prompt in a script the model does not cover is not
 * routed by its meaningless vector. Its Latin-script words carry it when there are enough; otherwise it goes to the
 * default model, and the decision says why.
 */
class LanguageCoverageTest {

    private static RouterFixture fixture;

    @BeforeAll
    static void deploy() throws Exception {
        fixture = new RouterFixture();
        var config = RouterFixture.parse(RouterFixture.homelabYaml());
        fixture.withEmbedder(config).deployRouter(config);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    @Test
    void shouldFindTheLatinScriptWordsThatStillCarryMeaning() {
        assertThat(LanguageCoverage.latinResidue("एक Python function लिखो जो list को sort करे"))
                .hasValue("Python function list sort");
        assertThat(LanguageCoverage.latinResidue("एक ट्रेन 60 km/h की रफ़्तार से 3 घंटे चलती है"))
                .hasValue("60 km/h 3");
        assertThat(LanguageCoverage.latinResidue("मुझे Python सीखनी है")).as("one word says too little").isEmpty();
    }

    @Test
    void shouldTellRomanisedHindiFromEnglishByItsFunctionWords() {
        assertThat(RomanisedHindi.is("bhai mujhe ek python script chahiye jo folder ki saari files rename kare"))
                .isTrue();
        assertThat(RomanisedHindi.is("Write a Python script that renames every file in a folder")).isFalse();
        assertThat(RomanisedHindi.is("What does 'kya hai' mean in Hindi, and how is it used in a sentence?"))
                .as("two quoted words are not a Hindi sentence").isFalse();
        assertThat(LanguageCoverage.readableResidue("bhai mujhe ek python script chahiye jo folder ki files rename kare"))
                .hasValue("python script folder files rename");
    }

    @Test
    void shouldRouteRomanisedHindiOnItsEnglishWords() throws Exception {
        RouteDecision decision = fixture.route("MoM",
                "bhai mujhe javascript me ek function chahiye jo array ko ulta kar de, thoda samjha ke likh do");

        assertThat(decision.selectedModel()).isEqualTo("qwen-coder");
        assertThat(decision.reason()).isNotEqualTo(ReasonCode.LANGUAGE_UNSUPPORTED);
    }

    @Test
    void shouldSendAPromptNothingOfWhichTheModelCoversToTheDefaultModelAndSayWhy() throws Exception {
        RouteDecision decision = fixture.route("MoM", "Какая столица Австралии и сколько там живёт людей?");

        assertThat(decision.reason()).isEqualTo(ReasonCode.LANGUAGE_UNSUPPORTED);
        assertThat(decision.selectedModel()).isEqualTo("qwen-coder");
    }

    @Test
    void shouldRouteOnTheLatinScriptWordsOfAPromptTheModelDoesNotCover() throws Exception {
        RouteDecision decision = fixture.route("MoM",
                "एक Python function लिखो जो list में से duplicate values हटा दे और sorted list return करे");

        assertThat(decision.reason()).isNotEqualTo(ReasonCode.LANGUAGE_UNSUPPORTED);
        assertThat(decision.selectedModel()).isEqualTo("qwen-coder");
    }

    @Test
    void shouldRouteAPromptTheModelCoversAsBefore() throws Exception {
        RouteDecision decision = fixture.route("MoM", "Prove that the square root of two is irrational.");

        assertThat(decision.reason()).isNotEqualTo(ReasonCode.LANGUAGE_UNSUPPORTED);
        assertThat(decision.selectedModel()).isEqualTo("gpt-4o");
    }
}
