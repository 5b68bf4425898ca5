package dev.switchboard.proxy.openai;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The chat-body parser under Jazzer, coverage-guided: the same property as {@link ChatBodyFuzzTest#parses} (refused
 * only with the OpenAI-style validation error naming its field, or accepted as a body both ingresses can route and
 * rewrite), on inputs Jazzer mutates toward new branches of {@link ChatRequest#parse}. In a plain test run (the
 * README's test command) it replays its seeds in {@code ChatBodyJazzerTestInputs/}; with {@code JAZZER_FUZZ=1} it
 * fuzzes for at most the duration below, which is what CI does in its fuzz step (.ci/fuzz).
 */
class ChatBodyJazzerTest {

    @FuzzTest(maxDuration = "60s")
    void shouldRefuseAnyBodyOnlyWithTheValidationError(byte[] body) throws Exception {
        ChatBodyFuzzTest.parses(body);
    }
}
