package dev.switchboard.embedder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** The embedder's meters; names are {@code switchboard_embedding_*} in Prometheus. */
final class EmbedderMetrics {

    private final Timer latency;
    private final DistributionSummary batchSize;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter truncations;

    EmbedderMetrics(MeterRegistry registry, String instance, Supplier<Number> queueDepth) {
        latency = Timer.builder("switchboard.embedding.latency")
                .description("Inference time of one batch (tokenisation, ONNX run, pooling)")
                .publishPercentileHistogram().register(registry);
        batchSize = DistributionSummary.builder("switchboard.embedding.batch.size")
                .description("Texts embedded in one inference").register(registry);
        cacheHits = Counter.builder("switchboard.embedding.cache").tag("result", "hit").register(registry);
        cacheMisses = Counter.builder("switchboard.embedding.cache").tag("result", "miss").register(registry);
        truncations = Counter.builder("switchboard.embedding.truncations")
                .description("Texts cut to global.embedding.max_tokens").register(registry);
        Gauge.builder("switchboard.embedding.queue.depth", queueDepth)
                .description("Requests waiting for an inference").tag("instance", instance).register(registry);
    }

    void recordBatch(int texts, long nanos, int truncated) {
        latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        batchSize.record(texts);
        truncations.increment(truncated);
    }

    void recordCache(int hits, int misses) {
        cacheHits.increment(hits);
        cacheMisses.increment(misses);
    }
}
