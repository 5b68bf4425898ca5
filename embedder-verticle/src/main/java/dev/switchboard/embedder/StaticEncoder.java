package dev.switchboard.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.List;

/**
 * The fast tier: a prompt's vector is the weighted mean of its tokens' rows in a table distilled from the model
 * ({@link StaticDistiller}), normalised; no transformer at request time, in the spirit of Model2Vec. Tokenising and
 * summing a 16-token prompt takes microseconds. Every text is embedded alone, so it is batch-invariant.
 */
final class StaticEncoder implements TextEncoder {

    private final HuggingFaceTokenizer tokenizer;
    private final StaticTable table;
    private final String modelId;

    StaticEncoder(HuggingFaceTokenizer tokenizer, StaticTable table, String baseModelId) {
        this.tokenizer = tokenizer;
        this.table = table;
        this.modelId = "static:" + baseModelId;
    }

    @Override
    public OnnxEncoder.Embeddings embed(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        int[] tokens = new int[texts.size()];
        int truncated = 0;
        for (int i = 0; i < texts.size(); i++) {
            // The special tokens carry no meaning of the prompt, and the table's rows already hold their share.
            Encoding encoding = tokenizer.encode(texts.get(i), false, false);
            long[] ids = encoding.getIds();
            tokens[i] = ids.length;
            truncated += encoding.exceedMaxLength() ? 1 : 0;
            vectors[i] = table.meanOf(ids);
        }
        return new OnnxEncoder.Embeddings(vectors, truncated, tokens);
    }

    @Override
    public double fragmentation(String text) {
        return Fragmentation.of(tokenizer, text);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public boolean batchInvariant() {
        return true;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
