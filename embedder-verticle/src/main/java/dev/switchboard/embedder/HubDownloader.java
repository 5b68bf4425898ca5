package dev.switchboard.embedder;

import dev.switchboard.contracts.config.EmbeddingConfig.HubModel;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a model from a Hugging Face-compatible hub into a cache folder that can never hold half a model.
 *
 * <p>The file list is read first ({@code GET /api/models/{repo}/revision/{revision}?blobs=true}) and every file the
 * model needs is checked to be there: the ONNX graph ({@code onnx/model.onnx} or {@code model.onnx}),
 * {@code tokenizer.json}, {@code config.json}, and the sentence-transformers pooling files when the repo has them.
 * Each file is downloaded from {@code /{repo}/resolve/{commit}/{file}}, and its size and checksum (SHA-256 for LFS
 * files, the git blob SHA-1 otherwise) are verified while it streams; a file that fails is fetched again, up to
 * {@value #ATTEMPTS} times. All files go to a temporary folder that is renamed to {@code {cache}/{repo}/{commit}}
 * only when every one is verified, so the model folder exists only complete.
 *
 * <p>A private repo's token is read from {@code HF_TOKEN} and never logged. Blocking: call from a worker thread.
 */
final class HubDownloader {

    private static final Logger LOGGER = LoggerFactory.getLogger(HubDownloader.class);
    static final int ATTEMPTS = 3;
    private static final List<String> ONNX_CANDIDATES = List.of("onnx/model.onnx", "model.onnx");
    private static final List<String> REQUIRED = List.of("tokenizer.json", "config.json");
    private static final List<String> OPTIONAL = List.of("modules.json", "1_Pooling/config.json",
            "config_sentence_transformers.json");

    private final HubModel hub;
    private final String token;
    private final HttpClient http;

    /** One file of the repo as the hub lists it. */
    record RemoteFile(String name, long size, String sha256, String gitSha1) {
    }

    HubDownloader(HubModel hub, String token) {
        this.hub = hub;
        this.token = token == null || token.isBlank() ? null : token;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * The folder of the verified model, downloading what is not in the cache yet. Serialised within the JVM so that
     * several embedder instances starting together download once and the others find the cache.
     */
    Path fetch() throws ModelLoadException {
        synchronized (HubDownloader.class) {
            return fetchUnlocked();
        }
    }

    private Path fetchUnlocked() throws ModelLoadException {
        Path repoCache = Path.of(hub.cacheDir()).resolve(hub.repo().replace("/", "--"));
        Listing listing;
        try {
            listing = list();
        } catch (ModelLoadException e) {
            Path cached = cachedByRef(repoCache);
            if (cached != null) {
                LOGGER.atWarn().setMessage("model_hub_unreachable_using_cache").addKeyValue("repo", hub.repo())
                        .addKeyValue("path", cached).addKeyValue("error", e.getMessage()).log();
                return cached;
            }
            throw e;
        }
        Path target = repoCache.resolve(listing.commit());
        if (!Files.isDirectory(target)) {
            download(listing, repoCache, target);
        }
        writeRef(repoCache, listing.commit());
        return target;
    }

    /** The commit and the files of the model in it. */
    record Listing(String commit, List<RemoteFile> files) {
    }

    Listing list() throws ModelLoadException {
        String url = hub.baseUrl() + "/api/models/" + hub.repo() + "/revision/"
                + URLEncoder.encode(hub.revision(), StandardCharsets.UTF_8) + "?blobs=true";
        JsonObject info;
        try {
            HttpResponse<String> response = http.send(request(url), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ModelLoadException("model hub: listing " + hub.repo() + "@" + hub.revision()
                        + " answered HTTP " + response.statusCode());
            }
            info = new JsonObject(response.body());
        } catch (IOException | DecodeException e) {
            throw new ModelLoadException("model hub: cannot list " + hub.repo() + "@" + hub.revision() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("model hub: interrupted while listing " + hub.repo(), e);
        }
        Map<String, RemoteFile> available = new LinkedHashMap<>();
        for (Object sibling : info.getJsonArray("siblings", new JsonArray())) {
            if (sibling instanceof JsonObject file) {
                JsonObject lfs = file.getJsonObject("lfs");
                long size = lfs != null ? lfs.getLong("size", -1L) : file.getLong("size", -1L);
                available.put(file.getString("rfilename"), new RemoteFile(file.getString("rfilename"), size,
                        lfs == null ? null : lfs.getString("sha256"), lfs == null ? file.getString("blobId") : null));
            }
        }
        List<RemoteFile> needed = new ArrayList<>();
        RemoteFile onnx = ONNX_CANDIDATES.stream().map(available::get).filter(f -> f != null).findFirst()
                .orElseThrow(() -> new ModelLoadException("model hub: " + hub.repo() + "@" + hub.revision()
                        + " has no onnx/model.onnx or model.onnx; export the model to ONNX first"));
        needed.add(onnx);
        for (String name : REQUIRED) {
            RemoteFile file = available.get(name);
            if (file == null) {
                throw new ModelLoadException("model hub: " + hub.repo() + "@" + hub.revision() + " has no " + name
                        + ", which the embedder needs; the model is not downloaded");
            }
            needed.add(file);
        }
        OPTIONAL.stream().map(available::get).filter(f -> f != null).forEach(needed::add);
        String commit = info.getString("sha", hub.revision());
        return new Listing(commit, needed);
    }

    private void download(Listing listing, Path repoCache, Path target) throws ModelLoadException {
        Path partial = repoCache.resolve(".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(partial);
            for (RemoteFile file : listing.files()) {
                downloadVerified(listing.commit(), file, partial.resolve(file.name()));
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            LOGGER.atInfo().setMessage("model_downloaded").addKeyValue("repo", hub.repo())
                    .addKeyValue("revision", listing.commit()).addKeyValue("files", listing.files().size()).log();
        } catch (IOException e) {
            throw new ModelLoadException("model hub: cannot write " + repoCache + ": " + e, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private void downloadVerified(String commit, RemoteFile file, Path destination) throws ModelLoadException,
            IOException {
        Files.createDirectories(destination.getParent());
        String url = hub.baseUrl() + "/" + hub.repo() + "/resolve/" + commit + "/" + file.name();
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            problem = downloadOnce(url, file, destination);
            if (problem == null) {
                return;
            }
            LOGGER.atWarn().setMessage("model_file_retry").addKeyValue("file", file.name())
                    .addKeyValue("attempt", attempt).addKeyValue("error", problem).log();
        }
        throw new ModelLoadException("model hub: " + hub.repo() + "/" + file.name() + " failed verification "
                + ATTEMPTS + " times (" + problem + "); the model is not used");
    }

    /** Downloads one file; returns null when it verified, else what was wrong. */
    private String downloadOnce(String url, RemoteFile file, Path destination) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest gitSha1 = digest("SHA-1");
        long written = 0;
        try {
            HttpResponse<InputStream> response = http.send(request(url), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(destination)) {
                if (response.statusCode() != 200) {
                    return "HTTP " + response.statusCode();
                }
                if (file.size() >= 0) {
                    gitSha1.update(("blob " + file.size() + "\0").getBytes(StandardCharsets.UTF_8));
                }
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                    gitSha1.update(buffer, 0, n);
                    written += n;
                }
            }
        } catch (IOException e) {
            return "transfer failed after " + written + " bytes: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + file.name(), e);
        }
        if (file.size() >= 0 && written != file.size()) {
            return "size " + written + " bytes, expected " + file.size();
        }
        if (file.sha256() != null && !file.sha256().equalsIgnoreCase(HexFormat.of().formatHex(sha256.digest()))) {
            return "SHA-256 checksum mismatch";
        }
        if (file.gitSha1() != null && file.size() >= 0 && !file.gitSha1().equalsIgnoreCase(HexFormat.of().formatHex(gitSha1.digest()))) {
            return "git blob checksum mismatch";
        }
        return null;
    }

    /** The complete cached folder of the revision last resolved, for starting without the hub. */
    private Path cachedByRef(Path repoCache) {
        try {
            Path ref = repoCache.resolve("refs").resolve(hub.revision().replace("/", "--"));
            String commit = Files.isRegularFile(ref) ? Files.readString(ref).strip() : hub.revision();
            Path folder = repoCache.resolve(commit);
            return Files.isDirectory(folder) ? folder : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void writeRef(Path repoCache, String commit) throws ModelLoadException {
        try {
            Path refs = Files.createDirectories(repoCache.resolve("refs"));
            Files.writeString(refs.resolve(hub.revision().replace("/", "--")), commit);
        } catch (IOException e) {
            throw new ModelLoadException("model hub: cannot write " + repoCache.resolve("refs") + ": " + e, e);
        }
    }

    private HttpRequest request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover .partial folder is never loaded; it is only disk space.
        }
    }
}
