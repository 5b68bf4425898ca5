package dev.switchboard.embedder;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;

/**
 * Edits an ONNX model (a protobuf {@code ModelProto}) without its schema, by field numbers: adds an
 * {@code Identity} node that copies an intermediate tensor to a new graph output, as an export with
 * {@code output_hidden_states} would have it.
 */
final class OnnxGraphs {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_ELEM_TYPE = 1;
    private static final int FLOAT = 1;

    private OnnxGraphs() {
    }

    static byte[] exposeAs(byte[] model, String tensor, String outputName) throws IOException {
        UnknownFieldSet modelProto = UnknownFieldSet.parseFrom(model);
        UnknownFieldSet graph = UnknownFieldSet.parseFrom(
                modelProto.getField(MODEL_GRAPH).getLengthDelimitedList().get(0));
        UnknownFieldSet node = UnknownFieldSet.newBuilder()
                .addField(NODE_INPUT, bytes(tensor))
                .addField(NODE_OUTPUT, bytes(outputName))
                .addField(NODE_NAME, bytes("expose_" + outputName))
                .addField(NODE_OP_TYPE, bytes("Identity"))
                .build();
        UnknownFieldSet tensorType = UnknownFieldSet.newBuilder().addField(TENSOR_ELEM_TYPE,
                UnknownFieldSet.Field.newBuilder().addVarint(FLOAT).build()).build();
        UnknownFieldSet type = UnknownFieldSet.newBuilder().addField(TYPE_TENSOR, bytes(tensorType.toByteString()))
                .build();
        UnknownFieldSet output = UnknownFieldSet.newBuilder()
                .addField(VALUE_INFO_NAME, bytes(outputName))
                .addField(VALUE_INFO_TYPE, bytes(type.toByteString()))
                .build();
        UnknownFieldSet edited = UnknownFieldSet.newBuilder(graph)
                .mergeField(GRAPH_NODE, bytes(node.toByteString()))
                .mergeField(GRAPH_OUTPUT, bytes(output.toByteString()))
                .build();
        UnknownFieldSet.Builder result = UnknownFieldSet.newBuilder(modelProto);
        result.clearField(MODEL_GRAPH);
        result.addField(MODEL_GRAPH, bytes(edited.toByteString()));
        return result.build().toByteArray();
    }

    private static UnknownFieldSet.Field bytes(String value) {
        return bytes(ByteString.copyFromUtf8(value));
    }

    private static UnknownFieldSet.Field bytes(ByteString value) {
        return UnknownFieldSet.Field.newBuilder().addLengthDelimited(value).build();
    }
}
