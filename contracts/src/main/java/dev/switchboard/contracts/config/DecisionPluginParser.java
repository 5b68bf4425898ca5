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
import java.util.List;
import java.util.Map;

/**
 * Binds one {@code routing.decisions[].plugins[]} entry: {@code type}, then {@code configuration} into the settings
 * record of that type ({@link DecisionPlugin#CONFIGURATIONS}), strictly, with the configuration's path on an error.
 * An absent configuration binds its defaults. Types Switchboard does not run are dropped before binding
 * ({@link ReferenceFeatures}), so an unknown type here is left to the validator.
 */
final class DecisionPluginParser extends StdDeserializer<DecisionPlugin> {

    private static final String TYPE = "type";
    private static final String CONFIGURATION = "configuration";

    DecisionPluginParser() {
        super(DecisionPlugin.class);
    }

    @Override
    public DecisionPlugin deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        if (!node.isObject()) {
            return (DecisionPlugin) context.handleUnexpectedToken(DecisionPlugin.class, node.asToken(), parser,
                    "expected a mapping {type, configuration}");
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (!field.getKey().equals(TYPE) && !field.getKey().equals(CONFIGURATION)) {
                throw UnrecognizedPropertyException.from(parser, DecisionPlugin.class, field.getKey(),
                        new ArrayList<>(List.of(CONFIGURATION, TYPE)));
            }
        }
        JsonNode typeNode = node.get(TYPE);
        if (typeNode != null && !typeNode.isTextual()) {
            throw JsonMappingException.wrapWithPath(JsonMappingException.from(parser,
                    "wrong type: expected the plugin's type as a string"), DecisionPlugin.class, TYPE);
        }
        String type = typeNode == null ? null : typeNode.asText();
        Class<?> settings = DecisionPlugin.CONFIGURATIONS.get(type);
        if (settings == null) {
            return new DecisionPlugin(type, null);
        }
        JsonNode configuration = node.get(CONFIGURATION);
        try {
            return new DecisionPlugin(type, context.readTreeAsValue(configuration == null || configuration.isNull()
                    ? JsonNodeFactory.instance.objectNode() : configuration, settings));
        } catch (JsonMappingException e) {
            throw JsonMappingException.wrapWithPath(e, DecisionPlugin.class, CONFIGURATION);
        }
    }
}
