package dev.switchboard.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemoryResponseCacheTest {

    private static final long HOUR = 3_600_000;
    private static final long NOW = 1_000_000;
    private static final String NO_GUARD = "";

    /** A unit vector at {@code degrees} from (1, 0, 0) in the x-y plane: cosines are known exactly. */
    private static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r), 0};
    }

    private static CachedResponse answer(String text) {
        return new CachedResponse("qwen-coder", "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(CacheHit hit) {
        return new String(hit.response().body(), StandardCharsets.UTF_8);
    }

    private final MemoryResponseCache cache = new MemoryResponseCache(100, 1 << 20, EvictionPolicy.LRU);

    @Test
    void shouldFindTheSameRequestExactlyAndAParaphraseByMeaningButNotAPromptThatMeansSomethingElse() {
        cache.put("p", "request-1", at(0), NO_GUARD, answer("one"), HOUR, NOW);

        assertThat(cache.lookup("p", "request-1", at(0), NO_GUARD, CacheMode.EXACT_THEN_SEMANTIC, 0.9, NOW))
                .hasValueSatisfying(hit -> assertThat(hit.exact()).isTrue());
        // cos 20° = 0.940: a paraphrase at threshold 0.9; cos 30° = 0.866 is not.
        assertThat(cache.lookup("p", "request-2", at(20), NO_GUARD, CacheMode.SEMANTIC, 0.9, NOW))
                .hasValueSatisfying(hit -> {
                    assertThat(hit.exact()).isFalse();
                    assertThat(hit.similarity()).isCloseTo(Math.cos(Math.toRadians(20)), within(1e-6));
                    assertThat(text(hit)).isEqualTo("one");
                });
        assertThat(cache.lookup("p", "request-3", at(30), NO_GUARD, CacheMode.SEMANTIC, 0.9, NOW)).isEmpty();
        assertThat(cache.lookup("p", "request-2", at(20), NO_GUARD, CacheMode.EXACT, 0.9, NOW))
                .as("exact mode: a paraphrase is not the same request").isEmpty();
        assertThat(cache.lookup("p", "request-1", null, NO_GUARD, CacheMode.EXACT_THEN_SEMANTIC, 0.9, NOW))
                .as("no embedding: exact hits still work").isPresent();
    }

    @Test
    void shouldKeepTheNewerAnswerWhenAnOlderOneToTheSameRequestArrivesLate() {
        cache.put("p", "request-1", at(0), NO_GUARD, answer("newer"), HOUR, NOW);
        cache.put("p", "request-1", at(0), NO_GUARD, answer("older, replicated late"), HOUR, NOW - 1_000);
        cache.put("p", "request-2", at(90), NO_GUARD, answer("older"), HOUR, NOW - 1_000);
        cache.put("p", "request-2", at(90), NO_GUARD, answer("newest"), HOUR, NOW);

        assertThat(cache.lookup("p", "request-1", at(0), NO_GUARD, CacheMode.EXACT, 0.9, NOW).map(
                MemoryResponseCacheTest::text)).contains("newer");
        assertThat(cache.lookup("p", "request-2", at(90), NO_GUARD, CacheMode.EXACT, 0.9, NOW).map(
                MemoryResponseCacheTest::text)).contains("newest");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void shouldServeAReplicatedAnswerOnlyForWhatIsLeftOfItsTtl() {
        cache.put("p", "request-1", at(0), NO_GUARD, answer("stored an hour less a second ago"), HOUR,
                NOW - HOUR + 1_000);

        assertThat(cache.lookup("p", "request-1", at(0), NO_GUARD, CacheMode.EXACT, 0.9, NOW)).isPresent();
        assertThat(cache.lookup("p", "request-1", at(0), NO_GUARD, CacheMode.EXACT, 0.9, NOW + 1_000)).isEmpty();
    }

    @Test
    void shouldNeverAnswerFromAnotherPartition() {
        cache.put("user:alice|qwen-coder", "request-1", at(0), NO_GUARD, answer("alice's"), HOUR, NOW);

        assertThat(cache.lookup("user:bob|qwen-coder", "request-1", at(0), NO_GUARD, CacheMode.EXACT_THEN_SEMANTIC, 0.5, NOW))
                .isEmpty();
        assertThat(cache.lookup("user:alice|gpt-4o", "request-1", at(0), NO_GUARD, CacheMode.SEMANTIC, 0.5, NOW)).isEmpty();
    }

    @Test
    void shouldPickTheClosestOfSeveralAndIgnoreVectorsOfAnotherModel() {
        cache.put("p", "a", at(10), NO_GUARD, answer("ten"), HOUR, NOW);
        cache.put("p", "b", at(3), NO_GUARD, answer("three"), HOUR, NOW);
        cache.put("p", "c", new float[] {1, 0}, NO_GUARD, answer("two dimensions"), HOUR, NOW);

        assertThat(cache.lookup("p", "x", at(0), NO_GUARD, CacheMode.SEMANTIC, 0.9, NOW)).map(MemoryResponseCacheTest::text)
                .hasValue("three");
    }

    @Test
    void shouldNotServeAnAnswerPastItsTtlAndDropIt() {
        cache.put("p", "request-1", at(0), NO_GUARD, answer("one"), 60_000, NOW);

        assertThat(cache.lookup("p", "request-1", at(0), NO_GUARD, CacheMode.EXACT_THEN_SEMANTIC, 0.9, NOW + 59_999)).isPresent();
        assertThat(cache.lookup("p", "request-1", at(0), NO_GUARD, CacheMode.EXACT, 0.9, NOW + 60_000)).isEmpty();
        assertThat(cache.lookup("p", "request-2", at(0), NO_GUARD, CacheMode.SEMANTIC, 0.9, NOW + 60_000)).isEmpty();
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void shouldReplaceWhatTheSameRequestStoredBefore() {
        cache.put("p", "request-1", at(0), NO_GUARD, answer("old"), HOUR, NOW);
        cache.put("p", "request-1", at(0), NO_GUARD, answer("new"), HOUR, NOW);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.lookup("p", "request-1", at(0), NO_GUARD, CacheMode.EXACT, 0.9, NOW)).map(MemoryResponseCacheTest::text)
                .hasValue("new");
    }

    /** A cache of two under {@code policy}: a, then b stored, a hit, then c stored (one of a and b must go). */
    private static MemoryResponseCache fullAfterAHitOnTheOldest(EvictionPolicy policy) {
        MemoryResponseCache small = new MemoryResponseCache(2, 1 << 20, policy);
        small.put("p", "a", at(0), NO_GUARD, answer("a"), HOUR, NOW);
        small.put("p", "b", at(90), NO_GUARD, answer("b"), HOUR, NOW);
        small.lookup("p", "a", null, NO_GUARD, CacheMode.EXACT, 0.9, NOW);
        small.put("p", "c", at(180), NO_GUARD, answer("c"), HOUR, NOW);
        return small;
    }

    @Test
    void shouldDropTheLeastRecentlyHitEntryWhenFullUnderLru() {
        MemoryResponseCache small = fullAfterAHitOnTheOldest(EvictionPolicy.LRU);

        assertThat(small.lookup("p", "a", null, NO_GUARD, CacheMode.EXACT, 0.9, NOW)).isPresent();
        assertThat(small.lookup("p", "b", null, NO_GUARD, CacheMode.EXACT, 0.9, NOW)).as("least recently hit").isEmpty();
        assertThat(small.size()).isEqualTo(2);
    }

    @Test
    void shouldDropTheOldestEntryWhenFullUnderFifoWhateverWasHit() {
        MemoryResponseCache small = fullAfterAHitOnTheOldest(EvictionPolicy.FIFO);

        assertThat(small.lookup("p", "a", null, NO_GUARD, CacheMode.EXACT, 0.9, NOW)).as("oldest").isEmpty();
        assertThat(small.lookup("p", "b", null, NO_GUARD, CacheMode.EXACT, 0.9, NOW)).isPresent();
    }

    @Test
    void shouldStayWithinItsByteBoundAndNotKeepAnAnswerLargerThanIt() {
        MemoryResponseCache bounded = new MemoryResponseCache(1_000, 4_096, EvictionPolicy.FIFO);
        for (int i = 0; i < 100; i++) {
            bounded.put("p", "request-" + i, at(i), NO_GUARD, answer("x".repeat(500)), HOUR, NOW);
            assertThat(bounded.bytes()).isLessThanOrEqualTo(4_096);
        }
        assertThat(bounded.size()).isBetween(1, 8);
        assertThat(bounded.lookup("p", "request-99", null, NO_GUARD, CacheMode.EXACT, 0.9, NOW)).as("the newest stays")
                .isPresent();

        bounded.put("p", "huge", at(0), NO_GUARD, answer("x".repeat(10_000)), HOUR, NOW);

        assertThat(bounded.lookup("p", "huge", null, NO_GUARD, CacheMode.EXACT, 0.9, NOW)).isEmpty();
        assertThat(bounded.lookup("p", "request-99", null, NO_GUARD, CacheMode.EXACT, 0.9, NOW))
                .as("a refused answer evicts nothing").isPresent();
    }

    @Test
    void shouldServeASemanticHitOnlyWhenTheGuardsAgree() {
        // Given an answer about 3 items
        cache.put("p", "three items", at(0), "numbers:3", answer("three"), HOUR, NOW);

        // Then a near prompt about 4 items misses, one about 3 items hits, and the same request hits exactly
        assertThat(cache.lookup("p", "four items", at(5), "numbers:4", CacheMode.SEMANTIC, 0.9, NOW)).isEmpty();
        assertThat(cache.lookup("p", "3 items?", at(5), "numbers:3", CacheMode.SEMANTIC, 0.9, NOW)).isPresent();
        assertThat(cache.lookup("p", "three items", null, "numbers:3", CacheMode.EXACT, 0.9, NOW)).isPresent();
    }

    @Test
    void shouldForgetAnEntryEverywhereWhenItIsEvicted() {
        // Given a full cache of two, whose first entry then goes
        MemoryResponseCache small = new MemoryResponseCache(2, 1 << 20, EvictionPolicy.FIFO);
        small.put("p", "a", at(0), NO_GUARD, answer("a"), HOUR, NOW);
        small.put("p", "b", at(60), NO_GUARD, answer("b"), HOUR, NOW);
        small.put("q", "c", at(0), NO_GUARD, answer("c"), HOUR, NOW);

        // Then neither index finds it, and the one left in its partition still does
        assertThat(small.lookup("p", "x", at(0), NO_GUARD, CacheMode.SEMANTIC, 0.99, NOW)).isEmpty();
        assertThat(small.lookup("p", "x", at(60), NO_GUARD, CacheMode.SEMANTIC, 0.99, NOW))
                .map(MemoryResponseCacheTest::text).contains("b");
        assertThat(small.size()).isEqualTo(2);
    }
}
