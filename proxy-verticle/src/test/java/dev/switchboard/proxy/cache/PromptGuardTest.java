package dev.switchboard.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paraphrases keep their guard; a changed number, name, negation, code token or language changes it. */
class PromptGuardTest {

    @Test
    void shouldAgreeOnRewordingsThatKeepTheFacts() {
        assertThat(PromptGuard.of("What is the capital of France?"))
                .isEqualTo(PromptGuard.of("Tell me France's capital city."));
        assertThat(PromptGuard.of("Give me three tips for sleeping better."))
                .isEqualTo(PromptGuard.of("Share 3 tips for better sleep, please"));
        assertThat(PromptGuard.of("Why isn't my build passing?")).isEqualTo(PromptGuard.of("Why is my build not passing?"));
        assertThat(PromptGuard.of("Explain recursion.")).isEqualTo(PromptGuard.of("Please explain what recursion is"));
    }

    @Test
    void shouldDifferWhenANearMissChangesWhatTheAnswerDependsOn() {
        assertThat(PromptGuard.of("Convert 100 miles to km")).isNotEqualTo(PromptGuard.of("Convert 200 miles to km"));
        assertThat(PromptGuard.of("Round 3.14 to one place")).isNotEqualTo(PromptGuard.of("Round 31.4 to one place"));
        assertThat(PromptGuard.of("What is the capital of Austria?"))
                .isNotEqualTo(PromptGuard.of("What is the capital of Australia?"));
        assertThat(PromptGuard.of("List animals that can fly")).isNotEqualTo(PromptGuard.of("List animals that cannot fly"));
        assertThat(PromptGuard.of("What does `x > 0` check?")).isNotEqualTo(PromptGuard.of("What does `x >= 0` check?"));
        assertThat(PromptGuard.of("What does list.append do?")).isNotEqualTo(PromptGuard.of("What does list.extend do?"));
        assertThat(PromptGuard.of("How does photosynthesis work?"))
                .isNotEqualTo(PromptGuard.of("Wie funktioniert die Photosynthese bei den Pflanzen?"));
        assertThat(PromptGuard.of("Describe the water cycle.")).isNotEqualTo(PromptGuard.of("Опишите круговорот воды."));
    }

    @Test
    void shouldMatchALongPromptExactlyOnly() {
        String shared = "word ".repeat(PromptGuard.SEMANTIC_MAX_CHARS / 5);
        assertThat(PromptGuard.of(shared + "then add A")).isNotEqualTo(PromptGuard.of(shared + "then add B"));
        assertThat(PromptGuard.of(shared + "then add A")).isEqualTo(PromptGuard.of(shared + "then add A"));
    }
}
