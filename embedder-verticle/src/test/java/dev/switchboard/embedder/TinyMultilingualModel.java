package dev.switchboard.embedder;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A multilingual model folder built for tests, since no real multilingual weights can be downloaded here: an
 * XLM-R-shaped encoder ({@code model_type: xlm-roberta}; inputs {@code input_ids} and {@code attention_mask}, no
 * {@code token_type_ids}; output {@code last_hidden_state}) whose graph is a token-embedding lookup masked by the
 * attention mask, with seeded random weights, and a real SentencePiece (Unigram) {@code tokenizer.json} whose vocabulary
 * holds whole Hindi, Bengali, Russian and English words, with XLM-R's special tokens and {@code <s> … </s>} template.
 * The graph is written as an ONNX {@code ModelProto} by field numbers (onnx.proto), as {@link OnnxGraphs} edits one.
 */
final class TinyMultilingualModel {

    /** XLM-R's special tokens, at its ids. */
    static final List<String> SPECIAL = List.of("<s>", "<pad>", "</s>", "<unk>");
    /** Whole words of four scripts, each a piece with SentencePiece's word-start mark. */
    static final List<String> WORDS = List.of("एक", "पाइथन", "फ़ंक्शन", "लिखो", "रात", "खाने", "के", "लिए", "विचार",
            "बताओ", "আমাকে", "একটি", "কোড", "লেখো", "какая", "столица", "австралии", "write", "a", "python",
            "function", "dinner", "ideas", "for", "tonight");
    static final int DIMENSION = 16;

    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int MODEL_GRAPH = 7;
    private static final int OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_PARAM = 2;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private TinyMultilingualModel() {
    }

    /** Writes {@code model.onnx}, {@code tokenizer.json} and {@code config.json} into {@code dir}. */
    static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.onnx"), onnx());
        Files.writeString(dir.resolve("tokenizer.json"), tokenizer().encodePrettily());
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"xlm-roberta\", \"hidden_size\": "
                + DIMENSION + "}");
        return dir;
    }

    static int vocabularySize() {
        return SPECIAL.size() + WORDS.size();
    }

    /** A Unigram tokenizer in the Hugging Face format, as XLM-R's is laid out. */
    static JsonObject tokenizer() {
        JsonArray vocab = new JsonArray();
        JsonArray added = new JsonArray();
        for (int id = 0; id < SPECIAL.size(); id++) {
            vocab.add(new JsonArray().add(SPECIAL.get(id)).add(0.0));
            added.add(new JsonObject().put("id", id).put("content", SPECIAL.get(id)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true));
        }
        for (String word : WORDS) {
            vocab.add(new JsonArray().add("\u2581" + word).add(-5.0));
        }
        return new JsonObject().put("version", "1.0").putNull("truncation").putNull("padding")
                .put("added_tokens", added)
                .putNull("normalizer")
                .put("pre_tokenizer", new JsonObject().put("type", "Metaspace").put("replacement", "\u2581")
                        .put("prepend_scheme", "always").put("split", true))
                .put("post_processor", new JsonObject().put("type", "TemplateProcessing")
                        .put("single", new JsonArray().add(special("<s>")).add(sequence()).add(special("</s>")))
                        .put("pair", new JsonArray().add(special("<s>")).add(sequence()).add(special("</s>")))
                        .put("special_tokens", new JsonObject()
                                .put("<s>", new JsonObject().put("id", "<s>").put("ids", new JsonArray().add(0))
                                        .put("tokens", new JsonArray().add("<s>")))
                                .put("</s>", new JsonObject().put("id", "</s>").put("ids", new JsonArray().add(2))
                                        .put("tokens", new JsonArray().add("</s>")))))
                .put("decoder", new JsonObject().put("type", "Metaspace").put("replacement", "\u2581")
                        .put("prepend_scheme", "always").put("split", true))
                .put("model", new JsonObject().put("type", "Unigram").put("unk_id", 3).put("vocab", vocab)
                        .put("byte_fallback", false));
    }

    private static JsonObject special(String token) {
        return new JsonObject().put("SpecialToken", new JsonObject().put("id", token).put("type_id", 0));
    }

    private static JsonObject sequence() {
        return new JsonObject().put("Sequence", new JsonObject().put("id", "A").put("type_id", 0));
    }

    /**
     * {@code last_hidden_state = Gather(embeddings, input_ids) * Unsqueeze(Cast(attention_mask), -1)}: every token
     * its own random vector, padding zeroed.
     */
    static byte[] onnx() {
        Random random = new Random(18);
        ByteBuffer weights = ByteBuffer.allocate(vocabularySize() * DIMENSION * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < vocabularySize() * DIMENSION; i++) {
            weights.putFloat((float) random.nextGaussian());
        }
        ByteBuffer axes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1);
        UnknownFieldSet graph = UnknownFieldSet.newBuilder()
                .mergeField(GRAPH_NODE, bytes(node("Gather", List.of("embeddings", "input_ids"), "gathered")))
                .mergeField(GRAPH_NODE, bytes(node("Cast", List.of("attention_mask"), "mask_float", cast())))
                .mergeField(GRAPH_NODE, bytes(node("Unsqueeze", List.of("mask_float", "last_axis"), "mask_3d")))
                .mergeField(GRAPH_NODE, bytes(node("Mul", List.of("gathered", "mask_3d"), "last_hidden_state")))
                .mergeField(GRAPH_NAME, bytes(ByteString.copyFromUtf8("tiny_xlm_r")))
                .mergeField(GRAPH_INITIALIZER, bytes(tensor("embeddings", FLOAT,
                        List.of((long) vocabularySize(), (long) DIMENSION), weights.array())))
                .mergeField(GRAPH_INITIALIZER, bytes(tensor("last_axis", INT64, List.of(1L), axes.array())))
                .mergeField(GRAPH_INPUT, bytes(valueInfo("input_ids", INT64, List.of("batch", "sequence"))))
                .mergeField(GRAPH_INPUT, bytes(valueInfo("attention_mask", INT64, List.of("batch", "sequence"))))
                .mergeField(GRAPH_OUTPUT, bytes(valueInfo("last_hidden_state", FLOAT,
                        List.of("batch", "sequence", "hidden"))))
                .build();
        UnknownFieldSet opset = UnknownFieldSet.newBuilder().addField(OPSET_VERSION, varint(13)).build();
        return UnknownFieldSet.newBuilder()
                .addField(MODEL_IR_VERSION, varint(8))
                .addField(MODEL_OPSET_IMPORT, bytes(opset.toByteString()))
                .addField(MODEL_GRAPH, bytes(graph.toByteString()))
                .build().toByteArray();
    }

    /** Cast's {@code to} attribute: FLOAT. */
    private static UnknownFieldSet cast() {
        final int attributeName = 1;
        final int attributeInt = 3;
        final int attributeType = 20;
        final int typeInt = 2;
        return UnknownFieldSet.newBuilder().addField(attributeName, bytes(ByteString.copyFromUtf8("to")))
                .addField(attributeInt, varint(FLOAT)).addField(attributeType, varint(typeInt)).build();
    }

    private static ByteString node(String op, List<String> inputs, String output, UnknownFieldSet... attributes) {
        final int nodeAttribute = 5;
        UnknownFieldSet.Builder node = UnknownFieldSet.newBuilder();
        inputs.forEach(input -> node.mergeField(NODE_INPUT, bytes(ByteString.copyFromUtf8(input))));
        node.addField(NODE_OUTPUT, bytes(ByteString.copyFromUtf8(output)));
        node.addField(NODE_OP_TYPE, bytes(ByteString.copyFromUtf8(op)));
        for (UnknownFieldSet attribute : attributes) {
            node.mergeField(nodeAttribute, bytes(attribute.toByteString()));
        }
        return node.build().toByteString();
    }

    private static ByteString tensor(String name, int type, List<Long> dims, byte[] raw) {
        UnknownFieldSet.Builder tensor = UnknownFieldSet.newBuilder();
        UnknownFieldSet.Field.Builder dimField = UnknownFieldSet.Field.newBuilder();
        dims.forEach(dimField::addVarint);
        tensor.addField(TENSOR_DIMS, dimField.build());
        tensor.addField(TENSOR_DATA_TYPE, varint(type));
        tensor.addField(TENSOR_NAME, bytes(ByteString.copyFromUtf8(name)));
        tensor.addField(TENSOR_RAW_DATA, bytes(ByteString.copyFrom(raw)));
        return tensor.build().toByteString();
    }

    private static ByteString valueInfo(String name, int elementType, List<String> symbolicDims) {
        UnknownFieldSet.Builder shape = UnknownFieldSet.newBuilder();
        for (String dim : symbolicDims) {
            shape.mergeField(SHAPE_DIM, bytes(UnknownFieldSet.newBuilder()
                    .addField(DIM_PARAM, bytes(ByteString.copyFromUtf8(dim))).build().toByteString()));
        }
        UnknownFieldSet tensorType = UnknownFieldSet.newBuilder().addField(TENSOR_TYPE_ELEM, varint(elementType))
                .addField(TENSOR_TYPE_SHAPE, bytes(shape.build().toByteString())).build();
        UnknownFieldSet type = UnknownFieldSet.newBuilder().addField(TYPE_TENSOR, bytes(tensorType.toByteString()))
                .build();
        return UnknownFieldSet.newBuilder().addField(VALUE_INFO_NAME, bytes(ByteString.copyFromUtf8(name)))
                .addField(VALUE_INFO_TYPE, bytes(type.toByteString())).build().toByteString();
    }

    private static UnknownFieldSet.Field bytes(ByteString value) {
        return UnknownFieldSet.Field.newBuilder().addLengthDelimited(value).build();
    }

    private static UnknownFieldSet.Field varint(long value) {
        return UnknownFieldSet.Field.newBuilder().addVarint(value).build();
    }
}
