package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dated list prices of well-known provider model ids ({@code prices.yaml} next to this class), for models the
 * config gives no {@code pricing}: without them {@code multi_factor}'s cost weight is skipped and nothing can say
 * what routing saved. Each price carries the page it is listed on and the date from which it held.
 */
public final class PriceTable {

    static final String RESOURCE = "prices.yaml";
    /** A dated snapshot ({@code -20250929}, {@code -2024-08-06}) or {@code -latest}: the same model, the same price. */
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2}|latest)$");

    /** One row of the table. */
    public record Entry(String id, @JsonProperty("prompt_per_1m") double promptPer1m,
            @JsonProperty("completion_per_1m") double completionPer1m, @JsonProperty("as_of") String asOf,
            String source) {

        public Entry {
            LocalDate.parse(asOf); // an ISO date, or the table does not load
        }

        /** As {@code validate} and the pricing's {@code source} say it: the page and the date. */
        public String citation() {
            return source + ", " + asOf;
        }
    }

    private record File(List<Entry> prices) {
    }

    private static final PriceTable SHIPPED = load();

    private final Map<String, Entry> byId;

    PriceTable(List<Entry> entries) {
        Map<String, Entry> ids = new HashMap<>();
        for (Entry entry : entries) {
            if (ids.put(entry.id().toLowerCase(Locale.ROOT), entry) != null) {
                throw new IllegalStateException("the price table lists " + entry.id() + " twice");
            }
        }
        this.byId = Map.copyOf(ids);
    }

    /** The table shipped with Switchboard. */
    public static PriceTable shipped() {
        return SHIPPED;
    }

    /** Every row, for documentation and tests. */
    public List<Entry> entries() {
        return byId.values().stream().sorted(Comparator.comparing(Entry::id)).toList();
    }

    /**
     * The row for a provider model id: exact (case-insensitive), else after dropping a {@code vendor/} or
     * {@code models/} prefix and then a date or {@code -latest} suffix. {@code gpt-4o-mini} never takes
     * {@code gpt-4o}'s price: only those suffixes are dropped.
     */
    public Optional<Entry> lookup(String providerModelId) {
        if (providerModelId == null) {
            return Optional.empty();
        }
        String id = providerModelId.trim().toLowerCase(Locale.ROOT);
        Entry exact = byId.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        String bare = id.substring(id.lastIndexOf('/') + 1);
        Entry entry = byId.get(bare);
        return Optional.ofNullable(entry != null ? entry : byId.get(VERSION_SUFFIX.matcher(bare).replaceFirst("")));
    }

    private static PriceTable load() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the contracts jar");
            }
            return new PriceTable(mapper.readValue(in, File.class).prices());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
