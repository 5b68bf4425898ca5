package dev.switchboard.contracts.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code routing.decisions[].algorithm} through the installed {@link AlgorithmPlugins}: {@code type}, then each
 * block into the settings record of the plugin that owns its path. An unknown key is an "unknown field" error that
 * lists what the mapping may hold; a binding error inside a block keeps the block's path. An unknown {@code type} is
 * left to the validator, which reports it with the installed types.
 */
final class AlgorithmConfigParser extends StdDeserializer<AlgorithmConfig> {

    private final AlgorithmPlugins plugins;

    AlgorithmConfigParser(AlgorithmPlugins plugins) {
        super(AlgorithmConfig.class);
        this.plugins = plugins;
    }

    @Override
    public AlgorithmConfig deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        if (!node.isObject()) {
            return (AlgorithmConfig) context.handleUnexpectedToken(AlgorithmConfig.class, node.asToken(), parser,
                    "expected a mapping {type: <algorithm>, <algorithm>: {...}}");
        }
        JsonNode typeNode = node.get(AlgorithmConfig.TYPE_KEY);
        if (typeNode != null && !typeNode.isTextual()) {
            throw JsonMappingException.wrapWithPath(JsonMappingException.from(parser,
                    "wrong type: expected the algorithm's name as a string"), AlgorithmConfig.class,
                    AlgorithmConfig.TYPE_KEY);
        }
        String type = typeNode == null || typeNode.isNull() ? AlgorithmConfig.DEFAULT_TYPE : typeNode.asText();
        Map<String, AlgorithmConfig.Block> blocks = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : iterable(node)) {
            String key = field.getKey();
            if (key.equals(AlgorithmConfig.TYPE_KEY)) {
                continue;
            }
            if (plugins.byBlockPath(key).isPresent()) {
                bindBlock(parser, context, key, List.of(key), field.getValue(), blocks);
            } else if (plugins.isGroup(key) && field.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> member : iterable(field.getValue())) {
                    String path = key + "." + member.getKey();
                    if (plugins.byBlockPath(path).isEmpty()) {
                        throw unknown(parser, List.of(key), member.getKey(), plugins.groupKeys(key));
                    }
                    bindBlock(parser, context, path, List.of(key, member.getKey()), member.getValue(), blocks);
                }
            } else {
                throw unknown(parser, List.of(), key, plugins.topLevelKeys());
            }
        }
        Object settings = plugins.byType(type).map(plugin -> blocks.values().stream()
                .filter(block -> block.type().equals(type)).map(AlgorithmConfig.Block::settings).findFirst()
                .orElseGet(() -> bindUnchecked(context, JsonNodeFactory.instance.objectNode(), plugin.settingsType())))
                .orElse(null);
        return new AlgorithmConfig(type, settings, blocks);
    }

    private void bindBlock(JsonParser parser, DeserializationContext context, String path, List<String> segments,
            JsonNode value, Map<String, AlgorithmConfig.Block> blocks) throws IOException {
        AlgorithmPlugin<?> plugin = plugins.byBlockPath(path).orElseThrow();
        if (blocks.values().stream().anyMatch(block -> block.type().equals(plugin.type()))) {
            throw withPath(JsonMappingException.from(parser, "the block of '" + plugin.type() + "' is given twice ("
                    + String.join(" and ", plugin.blockPaths()) + "); keep one"), segments);
        }
        try {
            blocks.put(path, new AlgorithmConfig.Block(plugin.type(), context.readTreeAsValue(value,
                    plugin.settingsType())));
        } catch (JsonMappingException e) {
            throw withPath(e, segments);
        }
    }

    private static Object bindUnchecked(DeserializationContext context, JsonNode node, Class<?> type) {
        try {
            return context.readTreeAsValue(node, type);
        } catch (IOException e) {
            throw new IllegalStateException("the defaults of " + type.getName() + " do not bind: " + e.getMessage(), e);
        }
    }

    private static JsonMappingException unknown(JsonParser parser, List<String> at, String key, List<String> known) {
        // The exception's path already ends with the unknown key.
        return withPath(UnrecognizedPropertyException.from(parser, AlgorithmConfig.class, key, new ArrayList<>(known)),
                at);
    }

    /** Prepends the segments (outermost first) to the exception's path, as Jackson does for nested properties. */
    private static JsonMappingException withPath(JsonMappingException e, List<String> segments) {
        JsonMappingException wrapped = e;
        for (int i = segments.size() - 1; i >= 0; i--) {
            wrapped = JsonMappingException.wrapWithPath(wrapped, AlgorithmConfig.class, segments.get(i));
        }
        return wrapped;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
