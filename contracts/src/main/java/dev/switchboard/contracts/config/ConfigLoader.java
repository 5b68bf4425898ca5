package dev.switchboard.contracts.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a v0.3 config file strictly: YAML syntax errors name the line, duplicate keys, unknown fields and wrong types
 * name the YAML path, and semantic errors come from {@link ConfigValidator}. Known reference features that Switchboard
 * does not support yet are removed with a {@link ConfigWarning} each.
 *
 * <p>Stateless and thread-safe. Blocking (file I/O): call it from a worker thread, never from an event loop.
 */
public final class ConfigLoader {

    private static final YAMLMapper MAPPER = strictMapper();

    /** Binding errors reported for one file before giving up: enough for any real file, bounded for a broken one. */
    private static final int MAX_BINDING_PROBLEMS = 100;

    private ConfigLoader() {
    }

    /** Reads, binds and validates the file at {@code file}. */
    public static LoadedConfig load(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "cannot read the file: " + e)));
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /** Binds and validates YAML text; {@code source} names it in errors. */
    public static LoadedConfig parse(String yaml, String source) throws ConfigException {
        JsonNode tree = readTree(yaml, source);
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(source, List.of(new ConfigProblem("",
                    tree == null || tree.isMissingNode() || tree.isNull()
                            ? "the file is empty; expected a v0.3 config with 'version' and 'providers'"
                            : "expected a YAML mapping at the top level, got " + tree.getNodeType().toString().toLowerCase())));
        }
        List<ConfigWarning> warnings = new ArrayList<>(ReferenceFeatures.strip(root));
        SwitchboardConfig config = bind(root, source);
        List<ConfigProblem> problems = ConfigValidator.validate(config, warnings);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new LoadedConfig(ModelPrices.resolve(config, PriceTable.shipped()), warnings, revisionOf(yaml));
    }

    private static JsonNode readTree(String yaml, String source) throws ConfigException {
        try {
            return MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(syntaxProblem(e)));
        }
    }

    /**
     * Binds the tree, reporting every binding error of the file at once: Jackson stops at the first, so each failing
     * node is recorded, removed from a copy of the tree, and the copy bound again, up to
     * {@link #MAX_BINDING_PROBLEMS}. Semantic validation needs a bound config, so it runs only when binding succeeds.
     */
    private static SwitchboardConfig bind(ObjectNode root, String source) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        ObjectNode tree = root;
        while (true) {
            try {
                SwitchboardConfig config = MAPPER.treeToValue(tree, SwitchboardConfig.class);
                if (problems.isEmpty()) {
                    return config;
                }
                throw new ConfigException(source, problems);
            } catch (JsonMappingException e) {
                problems.add(new ConfigProblem(pathOf(e.getPath()), bindingMessage(e)));
                if (tree == root) {
                    tree = root.deepCopy();
                }
                if (problems.size() >= MAX_BINDING_PROBLEMS || !removeAt(tree, e.getPath())) {
                    throw new ConfigException(source, problems);
                }
            } catch (JsonProcessingException e) {
                problems.add(new ConfigProblem("", e.getOriginalMessage()));
                throw new ConfigException(source, problems);
            }
        }
    }

    /** Removes the node a binding error points at; false when the path does not lead to a removable node. */
    private static boolean removeAt(ObjectNode root, List<JsonMappingException.Reference> path) {
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (JsonMappingException.Reference ref : path.subList(0, path.size() - 1)) {
            parent = ref.getFieldName() != null ? parent.get(ref.getFieldName()) : parent.get(ref.getIndex());
            if (parent == null) {
                return false;
            }
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        if (last.getFieldName() != null && parent instanceof ObjectNode object) {
            return object.remove(last.getFieldName()) != null;
        }
        if (last.getIndex() >= 0 && parent instanceof ArrayNode array && last.getIndex() < array.size()) {
            array.remove(last.getIndex());
            return true;
        }
        return false;
    }

    private static ConfigProblem syntaxProblem(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String path = e.getProcessor() instanceof JsonParser parser ? pathOf(parser.getParsingContext()) : "";
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            return new ConfigProblem(path, "duplicate key" + where + ": " + message);
        }
        return new ConfigProblem("", "YAML syntax error" + where + ": " + firstLine(message));
    }

    private static String bindingMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ", "; expected one of: ", ""));
            return "unknown field '" + unknown.getPropertyName() + "'" + known;
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException invalid) {
            return "invalid value '" + invalid.getValue() + "': expected " + describe(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "wrong type: expected " + describe(mismatch.getTargetType()) + " (" + firstLine(e.getOriginalMessage()) + ")";
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 2s, 1m or 1h";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A settings record bound from an empty mapping: its defaults, as an absent block gets them. */
    static <T> T defaults(Class<T> type) {
        try {
            return MAPPER.treeToValue(MAPPER.createObjectNode(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the defaults of " + type.getName() + " do not bind", e);
        }
    }

    /** Short hash of a config text, the {@link LoadedConfig#revision()} it would get. */
    public static String revisionOf(String yaml) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static YAMLMapper strictMapper() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // A number or boolean where text is expected is a mistake in a config file, not something to stringify.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Collection)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("switchboard-config")
                .addDeserializer(Duration.class, new DurationParser())
                .addDeserializer(AlgorithmConfig.class, new AlgorithmConfigParser(AlgorithmPlugins.installed()))
                .addDeserializer(DecisionPlugin.class, new DecisionPluginParser()));
        return mapper;
    }
}
