package dev.switchboard.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The embedding cache holds at most its capacity, forgetting the least recently used first. */
class EmbeddingCacheTest {

    @Test
    void shouldStayAtItsCapacityAndKeepWhatWasUsedRecently() {
        EmbeddingCache cache = new EmbeddingCache(100);
        String first = EmbeddingCache.key("m", "prompt 0");
        for (int i = 0; i < 1_000; i++) {
            cache.put(EmbeddingCache.key("m", "prompt " + i), new float[] {i});
            cache.get(first); // used with every request: never the least recently used
        }

        assertThat(cache.size()).isEqualTo(100);
        assertThat(cache.get(first)).containsExactly(0f);
        assertThat(cache.get(EmbeddingCache.key("m", "prompt 1"))).isNull();
        assertThat(cache.get(EmbeddingCache.key("m", "prompt 999"))).containsExactly(999f);
    }

    @Test
    void shouldStoreNothingWhenOff() {
        EmbeddingCache cache = new EmbeddingCache(0);
        cache.put(EmbeddingCache.key("m", "p"), new float[] {1});

        assertThat(cache.enabled()).isFalse();
        assertThat(cache.size()).isZero();
        assertThat(cache.get(EmbeddingCache.key("m", "p"))).isNull();
    }
}
