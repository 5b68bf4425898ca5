package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code global.embedding}: the model that turns prompts and model cards into vectors.
 *
 * @param source          {@code builtin} (default: all-MiniLM-L6-v2 int8 shipped in a Maven jar, no network),
 *                        {@code local} (a Hugging Face layout folder at {@code path}) or {@code hub} (downloaded
 *                        and verified into a cache)
 * @param path            model folder for {@code local}; nullable otherwise
 * @param hub             repository, revision and mirror for {@code hub}; nullable otherwise
 * @param pooling         {@code auto} (from the model's files, default), {@code mean}, {@code cls} or
 *                        {@code last_token}
 * @param maxTokens       longer inputs are truncated (and counted); 512 by default
 * @param targetDimension Matryoshka dimension: vectors are truncated to it and re-normalised; nullable (full size)
 * @param targetLayer     Matryoshka layer: the output of this encoder layer is pooled, for models that expose
 *                        intermediate layers; nullable (last layer)
 * @param instances       worker verticle instances, each with its own ONNX session; 1 by default
 * @param intraOpThreads  ONNX Runtime intra-op threads per session; nullable: the number of cores, at most 4 (see
 *                        {@link #effectiveIntraOpThreads()})
 * @param batch           dynamic micro-batching of concurrent requests
 * @param cacheSize       entries of the prompt-embedding LRU cache; 0 disables it; 10,000 by default
 * @param mode            {@code transformer} (default: the model runs on every prompt) or {@code static}: the fast
 *                        tier, a table of token vectors distilled from the model at first start (every vocabulary
 *                        token embedded by the model, weighted), a prompt's vector their weighted mean; no transformer
 *                        at request time
 * @param staticCacheDir  where the distilled table is kept between starts; {@code data/models/static} by default
 */
public record EmbeddingConfig(
        String source,
        String path,
        HubModel hub,
        String pooling,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("target_dimension") Integer targetDimension,
        @JsonProperty("target_layer") Integer targetLayer,
        Integer instances,
        @JsonProperty("intra_op_threads") Integer intraOpThreads,
        Batching batch,
        @JsonProperty("cache_size") Integer cacheSize,
        String mode,
        @JsonProperty("static_cache_dir") String staticCacheDir) {

    public static final String SOURCE_BUILTIN = "builtin";
    public static final String MODE_TRANSFORMER = "transformer";
    public static final String MODE_STATIC = "static";
    public static final String SOURCE_LOCAL = "local";
    public static final String SOURCE_HUB = "hub";

    public EmbeddingConfig {
        source = source == null ? SOURCE_BUILTIN : source;
        pooling = pooling == null ? "auto" : pooling;
        maxTokens = maxTokens == null ? 512 : maxTokens;
        instances = instances == null ? 1 : instances;
        batch = batch == null ? new Batching(null, null) : batch;
        cacheSize = cacheSize == null ? 10_000 : cacheSize;
        mode = mode == null ? MODE_TRANSFORMER : mode;
        staticCacheDir = staticCacheDir == null ? "data/models/static" : staticCacheDir;
    }

    /** The transformer mode with everything else as given. */
    public EmbeddingConfig(String source, String path, HubModel hub, String pooling, Integer maxTokens,
            Integer targetDimension, Integer targetLayer, Integer instances, Integer intraOpThreads, Batching batch,
            Integer cacheSize) {
        this(source, path, hub, pooling, maxTokens, targetDimension, targetLayer, instances, intraOpThreads, batch,
                cacheSize, null, null);
    }

    /** Whether prompts are embedded from the distilled token table rather than by the model. */
    public boolean staticMode() {
        return MODE_STATIC.equals(mode);
    }

    /**
     * {@code intra_op_threads}, or the number of cores (at most 4) when it is not set. On 2 cores through ExtProc
     * (docs/benchmarks.md, issue 16) one thread beat two: one stream p50 4.6-4.9 ms against 6.3-6.4 ms, p99 11.8
     * against 17.0 ms, 40 streams 404-438 against 385 streams/s; set {@code intra_op_threads: 1} there. It is not
     * the default yet: the CI soak runs at 80 % of the capacity it measures, and with one thread that capacity rose
     * from 201-214 to 241-247 answers/s and the soak's last third was not flat in two runs of three.
     */
    public int effectiveIntraOpThreads() {
        return intraOpThreads != null ? intraOpThreads
                : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    static EmbeddingConfig defaults() {
        return new EmbeddingConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * {@code global.embedding.hub}: a model downloaded from a Hugging Face-compatible hub.
     *
     * @param repo     repository id, e.g. {@code intfloat/multilingual-e5-small}
     * @param revision branch, tag or commit; {@code main} by default
     * @param baseUrl  hub address; {@code https://huggingface.co} by default
     * @param cacheDir where verified downloads are kept; {@code data/models} by default
     */
    public record HubModel(
            String repo,
            String revision,
            @JsonProperty("base_url") String baseUrl,
            @JsonProperty("cache_dir") String cacheDir) {
        public HubModel {
            revision = revision == null ? "main" : revision;
            baseUrl = baseUrl == null ? "https://huggingface.co" : baseUrl;
            cacheDir = cacheDir == null ? "data/models" : cacheDir;
        }
    }

    /**
     * {@code global.embedding.batch}.
     *
     * @param maxSize most texts in one batched inference; 16 by default
     * @param maxWait how long a batch that is not full waits for companions; 0 by default, so batches form only from
     *                requests that arrived while an inference was running and a lone request never waits
     */
    public record Batching(@JsonProperty("max_size") Integer maxSize, @JsonProperty("max_wait") Duration maxWait) {
        public Batching {
            maxSize = maxSize == null ? 16 : maxSize;
            maxWait = maxWait == null ? Duration.ZERO : maxWait;
        }
    }
}
