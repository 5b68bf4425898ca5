package dev.switchboard.embedder;

import ai.onnxruntime.OrtException;
import dev.switchboard.contracts.config.EmbeddingConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distils the model into a static table, in the spirit of Model2Vec: every vocabulary token is embedded by the model
 * on its own (wrapped in the tokenizer's special tokens, as the model saw text in training), the mean of all those
 * vectors is taken off (it is what every token shares: the special tokens' and the pooling's part, which says
 * nothing of a prompt), so that a row's length says how much its token stands out, and common tokens, close to the
 * mean, weigh little in a prompt's sum. Model2Vec also weights rows by Zipf's law over the vocabulary's order; on
 * the built-in model's WordPiece vocabulary, whose order is not its tokens' frequency, that cost 4 points of routing
 * accuracy on the dev set (0.594 against 0.633 zero-shot), so it is not done. Done once, at first start (about 6 s
 * for the built-in model's 30,522 tokens on 2 cores), and kept on disk keyed by the model and the tokenizer.
 */
final class StaticDistiller {

    private static final Logger LOGGER = LoggerFactory.getLogger(StaticDistiller.class);
    /** Tokens embedded per inference: all of one length, so nothing is padded. */
    static final int BATCH = 256;

    private StaticDistiller() {
    }

    /** The table for this model: from the cache folder, or distilled now and written there. */
    static StaticTable loadOrDistill(OnnxEncoder encoder, ModelArtifacts model, EmbeddingConfig config)
            throws OrtException, IOException {
        Path file = Path.of(config.staticCacheDir()).resolve(fileName(model, config));
        if (Files.exists(file)) {
            try {
                StaticTable table = StaticTable.read(file);
                LOGGER.atInfo().setMessage("static_embeddings_loaded").addKeyValue("file", file)
                        .addKeyValue("vocabulary", table.vocabulary()).log();
                return table;
            } catch (IOException e) {
                LOGGER.atWarn().setMessage("static_embeddings_unreadable").addKeyValue("file", file)
                        .addKeyValue("error", e.getMessage()).log();
            }
        }
        long began = System.nanoTime();
        StaticTable table = distill(encoder, vocabularySize(model.tokenizerJson()));
        table.write(file);
        LOGGER.atInfo().setMessage("static_embeddings_distilled").addKeyValue("file", file)
                .addKeyValue("vocabulary", table.vocabulary()).addKeyValue("dimension", table.dimension())
                .addKeyValue("duration_ms", (System.nanoTime() - began) / 1_000_000).log();
        return table;
    }

    static StaticTable distill(OnnxEncoder encoder, int vocabulary) throws OrtException {
        long[] special = encoder.specialIds();
        float[] rows = null;
        int dimension = 0;
        for (int start = 0; start < vocabulary; start += BATCH) {
            int count = Math.min(BATCH, vocabulary - start);
            long[][] ids = new long[count][];
            for (int i = 0; i < count; i++) {
                ids[i] = wrapped(special, start + i);
            }
            float[][] vectors = encoder.embedTokenIds(ids);
            if (rows == null) {
                dimension = vectors[0].length;
                rows = new float[vocabulary * dimension];
            }
            for (int i = 0; i < count; i++) {
                System.arraycopy(vectors[i], 0, rows, (start + i) * dimension, dimension);
            }
        }
        double[] mean = new double[dimension];
        for (int id = 0; id < vocabulary; id++) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += rows[id * dimension + d] / (double) vocabulary;
            }
        }
        for (int id = 0; id < vocabulary; id++) {
            for (int d = 0; d < dimension; d++) {
                rows[id * dimension + d] = (float) (rows[id * dimension + d] - mean[d]);
            }
        }
        return new StaticTable(vocabulary, dimension, rows);
    }

    /** The token between the tokenizer's first special token and the rest ({@code [CLS] t [SEP]}, {@code <s> t </s>}). */
    private static long[] wrapped(long[] special, long id) {
        if (special.length == 0) {
            return new long[] {id};
        }
        long[] ids = new long[special.length + 1];
        ids[0] = special[0];
        ids[1] = id;
        System.arraycopy(special, 1, ids, 2, special.length - 1);
        return ids;
    }

    /** One more than the largest token id of {@code tokenizer.json}: its model's vocabulary and its added tokens. */
    static int vocabularySize(byte[] tokenizerJson) {
        JsonObject json = new JsonObject(new String(tokenizerJson, StandardCharsets.UTF_8));
        long largest = -1;
        Object vocab = json.getJsonObject("model", new JsonObject()).getValue("vocab");
        if (vocab instanceof JsonObject byToken) {
            for (String token : byToken.fieldNames()) {
                largest = Math.max(largest, byToken.getLong(token));
            }
        } else if (vocab instanceof JsonArray pieces) {
            largest = pieces.size() - 1; // Unigram: [[piece, score], ...], the id is the position
        }
        for (Object added : json.getJsonArray("added_tokens", new JsonArray())) {
            if (added instanceof JsonObject token && token.getValue("id") instanceof Number id) {
                largest = Math.max(largest, id.longValue());
            }
        }
        if (largest < 0) {
            throw new IllegalArgumentException("tokenizer.json has no vocabulary to distil");
        }
        return (int) largest + 1;
    }

    /** Keyed by everything that changes the table: the model, its tokenizer, the output used, this format. */
    private static String fileName(ModelArtifacts model, EmbeddingConfig config) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((model.id() + "|" + config.targetLayer() + "|" + config.targetDimension() + "|" + model.pooling()
                    + "|" + StaticTable.FORMAT).getBytes(StandardCharsets.UTF_8));
            sha.update(model.tokenizerJson());
            return "static-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16) + ".bin";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
