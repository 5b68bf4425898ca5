package dev.switchboard.bench;

import dev.switchboard.proxy.cache.CacheMode;
import dev.switchboard.proxy.cache.CachedResponse;
import dev.switchboard.proxy.cache.EvictionPolicy;
import dev.switchboard.proxy.cache.MemoryResponseCache;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: what the in-process response cache adds to a request. A miss ({@code exact_then_semantic}: the exact index,
 * then the semantic search over the partition, finding nothing at the threshold) and a semantic hit, with
 * {@code entries} answers of 2 KB in one partition, 384-dimension unit vectors (the default model's) drawn at random,
 * so that no stored vector is near the query. One partition holding everything is the worst case: a deployment's
 * entries are spread over scopes, routed models and contexts. Usage: {@code java -jar switchboard-bench.jar
 * response-cache [JMH options]}, for instance {@code -p entries=10000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class ResponseCacheBench {

    private static final int DIMENSIONS = 384;
    private static final long HOUR = 3_600_000;
    private static final double THRESHOLD = 0.9;

    @Param({"10000", "100000"})
    public int entries;

    private MemoryResponseCache cache;
    private float[] unrelated;
    private float[] paraphrase;
    private long now;

    @Setup
    public void fill() {
        SplittableRandom random = new SplittableRandom(42);
        long heapBefore = usedHeap();
        cache = new MemoryResponseCache(entries, Long.MAX_VALUE, EvictionPolicy.LRU);
        now = System.currentTimeMillis();
        float[] stored = null;
        for (int i = 0; i < entries; i++) {
            stored = unit(random);
            cache.put("partition", "request-" + i, stored, "",
                    new CachedResponse("qwen-coder", "application/json", new byte[2048]), HOUR, now);
        }
        // Heap held per entry, 2 KB answer included: measured (after full collections), beside the cache's own count.
        long perEntry = (usedHeap() - heapBefore) / entries;
        System.out.printf("%n%d entries: %d bytes of heap per entry (the cache counts %d)%n", entries, perEntry,
                cache.bytes() / entries);
        unrelated = unit(random);
        paraphrase = stored.clone();
        paraphrase[0] += 0.05f;
        normalise(paraphrase);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static float[] unit(SplittableRandom random) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        normalise(v);
        return v;
    }

    private static void normalise(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += x * x;
        }
        float inverse = (float) (1 / Math.sqrt(squares));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inverse;
        }
    }

    @Benchmark
    public Object miss() {
        return cache.lookup("partition", "not-stored", unrelated, "", CacheMode.EXACT_THEN_SEMANTIC, THRESHOLD, now);
    }

    @Benchmark
    public Object semanticHit() {
        return cache.lookup("partition", "not-stored", paraphrase, "", CacheMode.EXACT_THEN_SEMANTIC, THRESHOLD, now);
    }

    @Benchmark
    public Object exactHit() {
        return cache.lookup("partition", "request-0", unrelated, "", CacheMode.EXACT_THEN_SEMANTIC, THRESHOLD, now);
    }
}
