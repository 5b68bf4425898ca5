package dev.switchboard.embedder;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.config.EmbeddingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns texts into L2-normalised embedding vectors on {@link Addresses#EMBEDDER_EMBED}.
 *
 * <p>Deployed as a worker ({@code ThreadingModel.WORKER}), one ONNX session per instance, because inference must
 * never run on an event loop. {@code start()} completes only when the model is loaded and has answered a warm-up
 * inference; a missing or broken model fails the start with a message naming the file.
 *
 * <p>Micro-batching is opportunistic: requests are queued and drained by one task on this verticle's worker context,
 * so requests that arrive while an inference runs are embedded together in the next one (up to
 * {@code batch.max_size} texts), and a lone request is embedded at once. A model whose vectors depend on their batch
 * companions (dynamically quantised ones) then runs the drained texts one inference each, side by side: see
 * {@link OnnxEncoder#embed}. A prompt-embedding LRU cache answers repeated texts without inference.
 */
public final class EmbedderVerticle extends VerticleBase {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbedderVerticle.class);

    private final EmbeddingConfig config;
    private final MeterRegistry registry;
    private final OpenTelemetry openTelemetry;
    private final Deque<Queued> pending = new ArrayDeque<>();
    private TextEncoder encoder;
    private EmbeddingCache cache;
    private EmbedderMetrics metrics;
    private MessageConsumer<EmbedRequest> consumer;
    private boolean drainScheduled;
    private volatile boolean ready;
    private volatile int dimension;

    /**
     * @param config   {@code global.embedding}
     * @param registry where the embedder's meters go; null for none
     */
    public EmbedderVerticle(EmbeddingConfig config, MeterRegistry registry) {
        this(config, registry, OpenTelemetry.noop());
    }

    /** @param openTelemetry the process's traces (a span per request); a no-op one when tracing is off */
    public EmbedderVerticle(EmbeddingConfig config, MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.config = config;
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        this.openTelemetry = openTelemetry;
    }

    /**
     * How to deploy the embedder: as workers on a pool of their own with one thread per instance, so that inference
     * neither occupies Vert.x's shared worker pool nor moves between threads from one request to the next (measured:
     * a dedicated thread is up to 0.3 ms faster per 16-token request than the shared pool on 2 cores).
     */
    public static DeploymentOptions deploymentOptions(EmbeddingConfig config) {
        return new DeploymentOptions()
                .setThreadingModel(ThreadingModel.WORKER)
                .setInstances(config.instances())
                .setWorkerPoolName("switchboard-embedder")
                .setWorkerPoolSize(config.instances());
    }

    /** Whether the model is loaded and answered its warm-up; reported as {@code embedding_ready}. */
    public boolean modelReady() {
        return ready;
    }

    /** Length of the vectors this instance returns; 0 before it is ready. */
    public int dimension() {
        return dimension;
    }

    /**
     * ONNX Runtime 1.29.0's Java binding kills the JVM with SIGSEGV (no error file) when the process's command line
     * is longer than about 3,980 bytes; measured here, see DEV_GUIDE.md. Warn first, so that the crash has a reason.
     */
    private static final int LONGEST_SAFE_COMMAND_LINE = 3_900;

    @Override
    public Future<?> start() {
        long began = System.nanoTime();
        int commandLine = ProcessHandle.current().info().commandLine().map(String::length).orElse(0);
        if (commandLine > LONGEST_SAFE_COMMAND_LINE) {
            LOGGER.atWarn().setMessage("command_line_too_long_for_onnxruntime").addKeyValue("length", commandLine)
                    .addKeyValue("detail", "ONNX Runtime may crash the JVM; pass long class paths in a manifest jar "
                            + "or an @argfile").log();
        }
        try {
            // A worker verticle starts on a worker thread, where loading and a first inference may block.
            ModelArtifacts model = ModelSources.locate(config);
            encoder = encoder(model);
            dimension = encoder.embed(List.of("warm-up")).vectors()[0].length;
            encoder.embed(List.of("a second warm-up, so that the first request meets an optimised session"));
        } catch (ModelLoadException e) {
            return Future.failedFuture(e);
        } catch (Exception e) {
            return Future.failedFuture(new ModelLoadException("the model failed its warm-up inference: " + e, e));
        }
        cache = new EmbeddingCache(config.cacheSize());
        metrics = new EmbedderMetrics(registry, Integer.toHexString(System.identityHashCode(this)), pending::size);
        consumer = vertx.eventBus().localConsumer(Addresses.EMBEDDER_EMBED, this::enqueue);
        return consumer.completion().onSuccess(v -> {
            ready = true;
            LOGGER.atInfo().setMessage("embedder_ready").addKeyValue("model", encoder.modelId())
                    .addKeyValue("dimension", dimension)
                    .addKeyValue("batch_invariant", encoder.batchInvariant())
                    .addKeyValue("duration_ms", (System.nanoTime() - began) / 1_000_000).log();
        });
    }

    /** The model itself, or in static mode the table distilled from it (the model is closed once it is made). */
    private TextEncoder encoder(ModelArtifacts model) throws ModelLoadException, ai.onnxruntime.OrtException {
        OnnxEncoder onnx = new OnnxEncoder(model, config);
        if (!config.staticMode()) {
            return onnx;
        }
        try (onnx) {
            return new StaticEncoder(OnnxEncoder.tokenizer(model, config),
                    StaticDistiller.loadOrDistill(onnx, model, config), onnx.modelId());
        } catch (java.io.IOException e) {
            throw new ModelLoadException("cannot keep the static embedding table in "
                    + config.staticCacheDir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Future<?> stop() {
        ready = false;
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        return unregistered.onComplete(v -> {
            pending.forEach(queued -> {
                queued.trace().failed("the embedder is stopping");
                queued.message().fail(FailureCode.UNAVAILABLE.code(), "the embedder is stopping");
            });
            pending.clear();
            if (encoder != null) {
                encoder.close();
            }
        });
    }

    /** A request waiting for its batch, with its span. */
    private record Queued(Message<EmbedRequest> message, EmbeddingTrace trace) {

        int texts() {
            return message.body().texts().size();
        }
    }

    private void enqueue(Message<EmbedRequest> message) {
        if (message.body().texts().isEmpty()) {
            message.fail(FailureCode.INVALID_ARGUMENT.code(), "no texts to embed");
            return;
        }
        pending.add(new Queued(message, EmbeddingTrace.start(openTelemetry, message.body().texts().size())));
        if (!drainScheduled) {
            drainScheduled = true;
            // Runs after the deliveries already queued on this worker context, which thereby join the batch.
            if (config.batch().maxWait().isZero() || pending.size() >= config.batch().maxSize()) {
                context.runOnContext(v -> drain());
            } else {
                vertx.setTimer(config.batch().maxWait().toMillis(), id -> drain());
            }
        }
    }

    private void drain() {
        drainScheduled = false;
        List<Queued> batch = new ArrayList<>();
        int texts = 0;
        while (!pending.isEmpty() && (batch.isEmpty() || texts + pending.peek().texts()
                <= config.batch().maxSize())) {
            Queued next = pending.poll();
            batch.add(next);
            texts += next.texts();
        }
        embedAndReply(batch);
        if (!pending.isEmpty()) {
            drainScheduled = true;
            context.runOnContext(v -> drain());
        }
    }

    private void embedAndReply(List<Queued> batch) {
        // One key per requested text (null when the cache is off: then nothing is hashed), and the vectors of this
        // batch by text position: from the cache, or from one inference over the texts that missed.
        List<String> keys = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        List<Integer> missPositions = new ArrayList<>();
        for (Queued queued : batch) {
            for (String text : queued.message().body().texts()) {
                String key = cache.enabled() ? EmbeddingCache.key(encoder.modelId(), text) : null;
                float[] cached = key == null ? null : cache.get(key);
                keys.add(key);
                vectors.add(cached);
                if (cached == null) {
                    misses.add(text);
                    missPositions.add(vectors.size() - 1);
                }
            }
        }
        metrics.recordCache(vectors.size() - misses.size(), misses.size());
        // Tokens by text position, for the requests' spans; 0 for a text the cache answered.
        int[] tokens = new int[vectors.size()];
        boolean[] inferred = new boolean[vectors.size()];
        try {
            if (!misses.isEmpty()) {
                long began = System.nanoTime();
                OnnxEncoder.Embeddings embedded = encoder.embed(misses);
                metrics.recordBatch(misses.size(), System.nanoTime() - began, embedded.truncated());
                for (int i = 0; i < misses.size(); i++) {
                    int position = missPositions.get(i);
                    vectors.set(position, embedded.vectors()[i]);
                    tokens[position] = embedded.tokens()[i];
                    inferred[position] = true;
                    if (keys.get(position) != null) {
                        cache.put(keys.get(position), embedded.vectors()[i]);
                    }
                }
            }
        } catch (Exception e) {
            LOGGER.atWarn().setMessage("embedding_failed").addKeyValue("error", e.toString()).log();
            batch.forEach(queued -> {
                queued.trace().failed("inference failed");
                queued.message().fail(FailureCode.INTERNAL.code(), "inference failed: " + e.getMessage());
            });
            return;
        }
        int next = 0;
        for (Queued queued : batch) {
            int count = queued.texts();
            long ownTokens = 0;
            boolean cacheHit = true;
            for (int position = next; position < next + count; position++) {
                ownTokens += tokens[position];
                cacheHit &= !inferred[position];
            }
            queued.trace().embedded(encoder.modelId(), cacheHit ? 0 : misses.size(), ownTokens, cacheHit);
            List<Double> fragmentation = new ArrayList<>(count);
            for (String text : queued.message().body().texts()) {
                fragmentation.add(encoder.fragmentation(text));
            }
            queued.message().reply(new EmbedReply(encoder.modelId(), dimension, vectors.subList(next, next + count),
                    fragmentation));
            next += count;
        }
    }
}
