package dev.switchboard.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.config.EmbeddingConfig;
import dev.switchboard.embedder.EmbedderVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Embedding latency of the default model: the full path (event bus, batching queue, tokenisation, ONNX run,
 * pooling, normalisation) against the bare {@code session.run} on the same token ids, for 16, 64, 256 and 512-token
 * prompts, with one caller and with eight concurrent callers. Prints a Markdown table for docs/benchmarks.md.
 *
 * <p>Usage: {@code java -jar bench/target/switchboard-bench.jar embedding [iterations] [warm-up] [lengths]
 * [intra-op-threads]} (default 400, 150, 16,64,256,512 and the router's default threads).
 * Both paths use the same session options and the prompt cache is off, so every
 * full-path request runs an inference. Bare and full blocks alternate in rounds so that drift hits both alike.
 */
public final class EmbeddingBench {

    private static final int[] LENGTHS = {16, 64, 256, 512};
    private static final int CONCURRENT_CALLERS = 8;
    private static final int ROUNDS = 5;
    private static final String WORDS = "the router reads every prompt and compares its meaning with the model cards "
            + "before it chooses a local coding model a frontier reasoning model or a fast general model for the "
            + "request while the gateway waits for the header mutation and the body rewrite that follow the decision";

    private EmbeddingBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int[] lengths = args.length > 2
                ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : LENGTHS;

        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(resource("/all-minilm-l6-v2-q-tokenizer.json"),
                Map.of("truncation", "true", "padding", "false", "maxLength", "512"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        // A fourth argument sets the intra-op threads of both paths (the router's global.embedding.intra_op_threads).
        Integer intraOpThreads = args.length > 3 ? Integer.valueOf(args[3]) : null;
        EmbeddingConfig noCache = new EmbeddingConfig(null, null, null, null, null, null, null, null, intraOpThreads, null, 0);
        options.setIntraOpNumThreads(noCache.effectiveIntraOpThreads());
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtSession session = env.createSession(resource("/all-minilm-l6-v2-q.onnx").readAllBytes(), options);

        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        vertx.deployVerticle(new EmbedderVerticle(noCache, metrics), EmbedderVerticle.deploymentOptions(noCache))
                .await(60, TimeUnit.SECONDS);

        System.out.printf("%s, %d cores, JVM %s, %d intra-op threads; %d calls per caller at 16 tokens (fewer for "
                        + "longer prompts, in proportion) in %d alternating rounds, after %d warm-up calls%n%n", System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                noCache.effectiveIntraOpThreads(), iterations, ROUNDS, warmup);
        System.out.println("| tokens | callers | bare session.run p50 / p99 (ms) | full path p50 / p99 (ms) "
                + "| full / bare at p50 | bare mean | inference in worker, mean (batch) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int tokens : lengths) {
            String prompt = promptOf(tokenizer, tokens);
            Encoding encoding = tokenizer.encode(prompt);
            // Long prompts take 10-100 times longer; fewer calls keep the run under a quarter of an hour.
            int calls = Math.max(ROUNDS * 10, iterations * LENGTHS[0] / tokens);
            for (int callers : new int[] {1, CONCURRENT_CALLERS}) {
                Callable<Object> bareCall = () -> {
                    runBare(env, session, encoding);
                    return null;
                };
                measure(callers, Math.max(5, warmup * LENGTHS[0] / tokens), bareCall);
                EventLoopCallers.measure(vertx, callers, Math.max(5, warmup * LENGTHS[0] / tokens), i -> embed(vertx, prompt));
                // Alternate blocks so that drift of the machine (other tenants, frequency) hits both paths alike.
                List<long[]> bare = new ArrayList<>();
                List<long[]> full = new ArrayList<>();
                io.micrometer.core.instrument.Timer inference = metrics.timer("switchboard.embedding.latency");
                long inferencesBefore = inference.count();
                double inferenceNanosBefore = inference.totalTime(TimeUnit.NANOSECONDS);
                for (int round = 0; round < ROUNDS; round++) {
                    bare.add(measure(callers, calls / ROUNDS, bareCall));
                    full.add(EventLoopCallers.measure(vertx, callers, calls / ROUNDS, i -> embed(vertx, prompt)));
                }
                long[] b = concat(bare);
                long[] f = concat(full);
                long inferences = inference.count() - inferencesBefore;
                double inferenceMean = (inference.totalTime(TimeUnit.NANOSECONDS) - inferenceNanosBefore) / inferences;
                System.out.printf("| %d | %d | %.2f / %.2f | %.2f / %.2f | %.2f | %.2f | %.2f (%.1f) |%n",
                        encoding.getIds().length, callers, ms(EventLoopCallers.percentile(b, 50)), ms(EventLoopCallers.percentile(b, 99)),
                        ms(EventLoopCallers.percentile(f, 50)), ms(EventLoopCallers.percentile(f, 99)), (double) EventLoopCallers.percentile(f, 50) / EventLoopCallers.percentile(b, 50),
                        ms((long) Arrays.stream(b).average().orElse(0)), ms((long) inferenceMean),
                        (double) f.length / inferences);
            }
        }
        vertx.close().await(30, TimeUnit.SECONDS);
        session.close();
        tokenizer.close();
    }

    /** A prompt of exactly {@code tokens} tokens, [CLS] and [SEP] included. */
    static String promptOf(HuggingFaceTokenizer tokenizer, int tokens) {
        String[] words = WORDS.split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; tokenizer.encode(text.toString()).getIds().length < tokens; i++) {
            text.append(i == 0 ? "" : " ").append(words[i % words.length]);
        }
        return text.toString();
    }

    private static void runBare(OrtEnvironment env, OrtSession session, Encoding encoding) throws Exception {
        long[] shape = {1, encoding.getIds().length};
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getAttentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getTypeIds()), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", mask,
                     "token_type_ids", types))) {
            result.get(0);
        }
    }

    /** Latencies in nanoseconds of {@code iterations} calls per caller, from {@code callers} threads at once. */
    static long[] measure(int callers, int iterations, Callable<Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<long[]>> runs = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                runs.add(pool.submit(() -> {
                    long[] samples = new long[iterations];
                    for (int i = 0; i < iterations; i++) {
                        long began = System.nanoTime();
                        call.call();
                        samples[i] = System.nanoTime() - began;
                    }
                    return samples;
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> run : runs) {
                all.add(run.get(10, TimeUnit.MINUTES));
            }
            return concat(all);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }

    private static io.vertx.core.Future<EmbedReply> embed(Vertx vertx, String prompt) {
        return vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED, EmbedRequest.of(prompt),
                new DeliveryOptions().setSendTimeout(60_000)).map(reply -> reply.body());
    }

    private static double ms(long nanos) {
        return nanos / (double) Duration.ofMillis(1).toNanos();
    }

    private static InputStream resource(String name) {
        return EmbeddingBench.class.getResourceAsStream(name);
    }
}
