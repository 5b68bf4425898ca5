package dev.switchboard.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.switchboard.contracts.config.EmbeddingConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * One embedding model in one ONNX Runtime session: tokenise, run, pool, optionally truncate (Matryoshka), and
 * L2-normalise. Input names ({@code input_ids}, {@code attention_mask}, with or without {@code token_type_ids}) and
 * the output are read from the session, so BERT-style and ModernBERT-style exports both run.
 *
 * <p>Not thread-safe: owned by one worker verticle instance, called from its worker thread only. Tensors and results
 * are closed before {@link #embed} returns.
 */
final class OnnxEncoder implements TextEncoder {

    static {
        // DJL's tokenizer library calls home unless these are set before the first tokenizer is created.
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
    }

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    /**
     * Intermediate layer outputs as Hugging Face names them with {@code output_hidden_states}: {@code hidden_states.N}
     * is the output of encoder layer N (1-based; 0 would be the embeddings).
     */
    private static final Pattern LAYER_OUTPUT = Pattern.compile("hidden_states[._]?(\\d+)");

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final String outputName;
    private final boolean pooledOutput;
    private final boolean usesTokenTypes;
    private final Integer targetDimension;
    private final String modelId;
    private final boolean batchInvariant;
    private final int maxBatch;
    /** Only for a model that is not batch-invariant; see {@link #singleTextRuns()}. */
    private ExecutorService singleTextRuns;

    /**
     * Two texts of different lengths: embedded alone and then together, the first must come out the same when the
     * model is batch-invariant. Together, it is padded to the second's length.
     */
    static final List<String> INVARIANCE_PROBE = List.of("How do I sort a list?",
            "A longer companion sentence, so that the first text is padded when both are embedded in one batch, "
                    + "and any effect of padding or of statistics taken over the whole batch shows in its vector.");
    /**
     * Largest 1 − cosine between the probe's two vectors that still counts as the same: float rounding in a padded
     * fp32 batch stays near 1e-7; dynamically quantised int8 models measured up to 3e-2 on the built-in model.
     */
    static final double INVARIANCE_TOLERANCE = 1e-5;

    /** One inference over texts; what {@link #isBatchInvariant} probes. */
    @FunctionalInterface
    interface Inference {
        Embeddings run(List<String> texts) throws OrtException;
    }

    /**
     * The vectors of one call, how many of its texts were cut to the token limit, and each text's token count (after
     * that cut).
     */
    record Embeddings(float[][] vectors, int truncated, int[] tokens) {
    }

    OnnxEncoder(ModelArtifacts model, EmbeddingConfig config) throws ModelLoadException {
        this.pooling = model.pooling();
        this.targetDimension = config.targetDimension();
        this.maxBatch = config.batch().maxSize();
        this.tokenizer = tokenizer(model, config);
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(config.effectiveIntraOpThreads());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = model.onnxBytes() != null
                    ? environment.createSession(model.onnxBytes(), options)
                    : environment.createSession(model.onnxFile().toString(), options);
        } catch (OrtException e) {
            tokenizer.close();
            throw new ModelLoadException(model.onnxSource() + ": not a loadable ONNX model: " + e.getMessage(), e);
        }
        try {
            Set<String> inputs = session.getInputNames();
            if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
                throw new ModelLoadException(model.onnxSource() + ": wrong inputs " + inputs
                        + "; an encoder needs input_ids and attention_mask");
            }
            this.usesTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
            this.outputName = chooseOutput(model, session.getOutputInfo(), config.targetLayer());
            this.pooledOutput = ((TensorInfo) session.getOutputInfo().get(outputName).getInfo()).getShape().length == 2;
        } catch (OrtException | ModelLoadException | RuntimeException e) {
            close();
            throw e instanceof ModelLoadException m ? m
                    : new ModelLoadException(model.onnxSource() + ": cannot read its outputs: " + e.getMessage(), e);
        }
        this.modelId = model.id() + (config.targetLayer() != null ? "@layer" + config.targetLayer() : "")
                + (targetDimension != null ? "@dim" + targetDimension : "");
        try {
            this.batchInvariant = isBatchInvariant(this::inferTogether);
        } catch (OrtException | RuntimeException e) {
            close();
            throw new ModelLoadException(model.onnxSource() + ": the model failed its first inference: "
                    + e.getMessage(), e);
        }
    }

    /** The model's tokenizer, truncating at {@code max_tokens}, without padding. */
    static HuggingFaceTokenizer tokenizer(ModelArtifacts model, EmbeddingConfig config) throws ModelLoadException {
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(model.tokenizerJson()),
                    Map.of("truncation", "true", "padding", "false", "maxLength", String.valueOf(config.maxTokens())));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("tokenizer.json of " + model.id() + ": cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The ids the tokenizer wraps every text in ({@code [CLS]}, {@code [SEP]}), in order; empty for none. */
    long[] specialIds() {
        return tokenizer.encode("").getIds();
    }

    /**
     * Vectors of given token id sequences, all of one length (so nothing is padded and batching cannot move them),
     * pooled and normalised as texts are: for distilling the model ({@link StaticDistiller}).
     */
    float[][] embedTokenIds(long[][] sequences) throws OrtException {
        int batch = sequences.length;
        int length = sequences[0].length;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            if (sequences[b].length != length) {
                throw new IllegalArgumentException("sequences of one length only");
            }
            System.arraycopy(sequences[b], 0, ids, b * length, length);
        }
        java.util.Arrays.fill(mask, 1L);
        return infer(ids, mask, new long[batch * length], batch, length);
    }

    /**
     * Whether a text's vector is the same whatever it is batched with. Not so for dynamically quantised models (the
     * built-in one included): ONNX Runtime quantises activations with one scale per tensor, taken over the whole
     * padded batch, so a prompt's vector moved with its batch companions (cosine down to 0.97 against itself alone;
     * 31 of the 1,325 dev prompts changed route in batches of 8).
     */
    static boolean isBatchInvariant(Inference inference) throws OrtException {
        float[] alone = inference.run(INVARIANCE_PROBE.subList(0, 1)).vectors()[0];
        float[] together = inference.run(INVARIANCE_PROBE).vectors()[0];
        double cosine = 0;
        for (int d = 0; d < alone.length; d++) {
            cosine += alone[d] * together[d];
        }
        return 1 - cosine <= INVARIANCE_TOLERANCE;
    }

    /** Whether {@link #embed} runs a list of texts in one inference (true) or one inference per text. */
    @Override
    public boolean batchInvariant() {
        return batchInvariant;
    }

    /**
     * The output to pool: a 3-D token output ({@code last_hidden_state} preferred) or an already pooled 2-D one; for
     * a Matryoshka target layer, the output of that layer, which the model must expose.
     */
    private static String chooseOutput(ModelArtifacts model, Map<String, NodeInfo> outputs, Integer targetLayer)
            throws ModelLoadException {
        if (targetLayer != null) {
            for (String name : outputs.keySet()) {
                var m = LAYER_OUTPUT.matcher(name);
                if (m.find() && Integer.parseInt(m.group(1)) == targetLayer) {
                    return name;
                }
            }
            throw new ModelLoadException(model.onnxSource() + ": global.embedding.target_layer " + targetLayer
                    + " needs an intermediate layer output, but the model's outputs are " + outputs.keySet());
        }
        if (outputs.containsKey("last_hidden_state")) {
            return "last_hidden_state";
        }
        for (Map.Entry<String, NodeInfo> output : outputs.entrySet()) {
            if (output.getValue().getInfo() instanceof TensorInfo info
                    && (info.getShape().length == 3 || info.getShape().length == 2)) {
                return output.getKey();
            }
        }
        throw new ModelLoadException(model.onnxSource() + ": wrong shapes: no [batch, tokens, dim] or [batch, dim] "
                + "float output among " + outputs.keySet());
    }

    @Override
    public double fragmentation(String text) {
        return Fragmentation.of(tokenizer, text);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /**
     * Embeds the texts; blocking, CPU-bound. A batch-invariant model embeds them in one inference; any other, one
     * text per inference, so that a prompt's vector, and so its route, never depends on which prompts happened to
     * share its batch. Those single-text inferences run side by side on {@link #singleTextRuns} (an ONNX Runtime
     * session may run concurrently): one at a time they had cut the throughput of 40 concurrent short prompts by a
     * third against batching; side by side they match it (docs/benchmarks.md).
     */
    @Override
    public Embeddings embed(List<String> texts) throws OrtException {
        if (batchInvariant || texts.size() == 1) {
            return inferTogether(texts);
        }
        List<Future<Embeddings>> runs = new ArrayList<>();
        for (Encoding encoding : tokenizer.batchEncode(texts)) {
            runs.add(singleTextRuns().submit(() -> run(new Encoding[] {encoding})));
        }
        float[][] vectors = new float[texts.size()][];
        int[] tokens = new int[texts.size()];
        int truncated = 0;
        for (int i = 0; i < runs.size(); i++) {
            Embeddings alone = await(runs.get(i));
            vectors[i] = alone.vectors()[0];
            tokens[i] = alone.tokens()[0];
            truncated += alone.truncated();
        }
        return new Embeddings(vectors, truncated, tokens);
    }

    private static Embeddings await(Future<Embeddings> run) throws OrtException {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OrtException ort) {
                throw ort;
            }
            throw new IllegalStateException("inference failed", e.getCause());
        }
    }

    /**
     * Threads for side-by-side single-text inferences, made on first use (never for a batch-invariant model): four
     * per core, at most a batch. On 2 cores, 40 concurrent 16-token prompts through ExtProc: 2 threads p50 294 ms
     * (no better than one at a time, 298 ms), 4 threads 191–216 ms, 8 threads 172 ms; batching 194–203 ms.
     */
    private ExecutorService singleTextRuns() {
        if (singleTextRuns == null) {
            int threads = Math.max(1, Math.min(maxBatch, 4 * Runtime.getRuntime().availableProcessors()));
            singleTextRuns = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "switchboard-embedder-run");
                thread.setDaemon(true);
                return thread;
            });
        }
        return singleTextRuns;
    }

    /** The texts in one inference, padded to the longest. */
    private Embeddings inferTogether(List<String> texts) throws OrtException {
        return run(tokenizer.batchEncode(texts));
    }

    private Embeddings run(Encoding[] encodings) throws OrtException {
        int batch = encodings.length;
        int length = 0;
        int truncated = 0;
        int[] tokens = new int[batch];
        for (int b = 0; b < batch; b++) {
            tokens[b] = encodings[b].getIds().length;
            length = Math.max(length, tokens[b]);
            truncated += encodings[b].exceedMaxLength() ? 1 : 0;
        }
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            long[] tokenIds = encodings[b].getIds();
            System.arraycopy(tokenIds, 0, ids, b * length, tokenIds.length);
            System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * length, tokenIds.length);
            System.arraycopy(encodings[b].getTypeIds(), 0, types, b * length, tokenIds.length);
        }
        return new Embeddings(infer(ids, mask, types, batch, length), truncated, tokens);
    }

    /** One inference over padded id, mask and type arrays ({@code batch × length}): the pooled unit vectors. */
    private float[][] infer(long[] ids, long[] mask, long[] types, int batch, int length) throws OrtException {
        long[] shape = {batch, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (usesTokenTypes) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor output = (OnnxTensor) result.get(0);
                long[] outputShape = output.getInfo().getShape();
                FloatBuffer values = output.getFloatBuffer();
                return pooledOutput ? rows(values, batch, (int) outputShape[1])
                        : pool(values, mask, batch, length, (int) outputShape[2]);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] rows(FloatBuffer values, int batch, int dim) {
        float[][] vectors = new float[batch][];
        for (int b = 0; b < batch; b++) {
            float[] row = new float[dim];
            values.get(b * dim, row);
            vectors[b] = finish(row);
        }
        return vectors;
    }

    private float[][] pool(FloatBuffer hidden, long[] mask, int batch, int length, int dim) {
        float[][] vectors = new float[batch][];
        for (int b = 0; b < batch; b++) {
            float[] vector = new float[dim];
            switch (pooling) {
                case CLS -> hidden.get(b * length * dim, vector);
                case LAST_TOKEN -> hidden.get((b * length + lastToken(mask, b, length)) * dim, vector);
                case MEAN -> {
                    int tokens = 0;
                    for (int t = 0; t < length; t++) {
                        if (mask[b * length + t] == 0) {
                            continue;
                        }
                        tokens++;
                        int offset = (b * length + t) * dim;
                        for (int d = 0; d < dim; d++) {
                            vector[d] += hidden.get(offset + d);
                        }
                    }
                    for (int d = 0; d < dim; d++) {
                        vector[d] /= Math.max(tokens, 1);
                    }
                }
            }
            vectors[b] = finish(vector);
        }
        return vectors;
    }

    private static int lastToken(long[] mask, int b, int length) {
        int last = 0;
        for (int t = 0; t < length; t++) {
            if (mask[b * length + t] != 0) {
                last = t;
            }
        }
        return last;
    }

    /** Matryoshka truncation, then L2 normalisation (after truncation, so truncated vectors are unit length too). */
    private float[] finish(float[] vector) {
        float[] kept = targetDimension != null && targetDimension < vector.length
                ? java.util.Arrays.copyOf(vector, targetDimension) : vector;
        double norm = 0;
        for (float v : kept) {
            norm += v * v;
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int d = 0; d < kept.length; d++) {
            kept[d] *= scale;
        }
        return kept;
    }

    @Override
    public void close() {
        if (singleTextRuns != null) {
            singleTextRuns.shutdownNow();
        }
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            // Closing a session only frees native memory; nothing else depends on it succeeding.
        } finally {
            if (tokenizer != null) {
                tokenizer.close();
            }
        }
    }
}
