package dev.switchboard.router;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionPlugins;
import dev.switchboard.selection.SelectionEnvironment;
import dev.switchboard.router.signals.EmbeddedRules;
import dev.switchboard.router.signals.Signals;
import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.LanguageDetector;
import dev.switchboard.contracts.config.LanguageSignal;
import dev.switchboard.router.signals.LanguageRules;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a {@link RoutingSnapshot}: embeds every model card and every example of the embedded signal rules
 * ({@link EmbeddedRulesPlan}) in batches through
 * {@link Addresses#EMBEDDER_EMBED}, once per config version, and creates each decision's selection algorithm.
 */
final class SnapshotBuilder {

    private static final int BATCH = 32;
    private static final long EMBED_TIMEOUT_MS = 60_000;

    /** The project's capability bank, the same for every config. */
    private static final List<CapabilityBank.Capability> BANK = CapabilityBank.load();
    private static final CapabilityAssignment ASSIGNMENT = new CapabilityAssignment(BANK);

    private final Vertx vertx;
    private final EventBus eventBus;
    private final SelectionPlugins plugins;
    private final SelectionEnvironment environment;
    private volatile Embedded embeddedBank;
    /** Detectors by language set: building one takes seconds, so config versions with the same languages share it. */
    private final Map<Set<IsoCode639_1>, LanguageDetector> detectors = new ConcurrentHashMap<>();

    SnapshotBuilder(Vertx vertx, SelectionPlugins plugins, SelectionEnvironment environment) {
        this.vertx = vertx;
        this.eventBus = vertx.eventBus();
        this.plugins = plugins;
        this.environment = environment;
    }

    /** The text a model card is embedded as: its description and capabilities, or its name when it has none. */
    static String cardText(ModelCard card, boolean withCapabilities) {
        String text = card.description() == null || card.description().isBlank()
                ? "Model: " + card.name() + "." : card.description();
        if (withCapabilities && !card.capabilities().isEmpty()) {
            text += " Capabilities: " + String.join(", ", card.capabilities()) + ".";
        }
        return text;
    }

    Future<RoutingSnapshot> build(String revision, RouterSettings settings) {
        Map<String, SelectionAlgorithm> selectors = new LinkedHashMap<>();
        for (DecisionDefinition decision : settings.routing().decisions()) {
            try {
                selectors.put(decision.name(), plugins.create(decision.algorithm(), environment));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new IllegalStateException("routing.decisions '" + decision.name() + "': "
                        + e.getMessage(), e));
            }
        }
        List<String> texts = new ArrayList<>();
        for (ModelCard card : settings.routing().modelCards()) {
            texts.add(cardText(card, true));
        }
        Map<String, List<String>> claimsByCard = new LinkedHashMap<>();
        for (ModelCard card : settings.routing().modelCards()) {
            claimsByCard.put(card.name(), CapabilityAssignment.claims(cardText(card, true)));
            texts.addAll(claimsByCard.get(card.name()));
        }
        // The bank's prompts only mean something next to cards to give them to.
        List<String> bankPrompts = settings.routing().modelCards().isEmpty() ? List.of()
                : BANK.stream().flatMap(c -> c.prompts().stream()).toList();
        EmbeddedRulesPlan signalPlan = new EmbeddedRulesPlan(settings.routing().signals());
        texts.addAll(signalPlan.texts());
        Future<LanguageRules> language;
        try {
            language = languageRules(settings.routing().signals().language());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Future<Embedded> cardsFirst = embedAll(texts);
        Future<Embedded> bankAfter = cardsFirst.compose(cardsDone -> bankPrompts.isEmpty()
                ? Future.succeededFuture(new Embedded(null, List.of())) : bankVectors(cardsDone.modelId(), bankPrompts));
        return Future.all(cardsFirst, language, bankAfter).map(both -> {
            Embedded embedded = both.resultAt(0);
            Embedded bank = both.resultAt(2);
            Map<String, float[]> cards = new HashMap<>();
            int next = 0;
            for (ModelCard card : settings.routing().modelCards()) {
                cards.put(card.name(), embedded.vectors().get(next++));
            }
            Map<String, List<float[]>> claims = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> card : claimsByCard.entrySet()) {
                claims.put(card.getKey(), embedded.vectors().subList(next, next + card.getValue().size()));
                next += card.getValue().size();
            }
            EmbeddedRules rules = signalPlan.build(embedded.vectors().subList(next, embedded.vectors().size()));
            Map<String, List<float[]>> anchors = ASSIGNMENT.anchors(claims, bank.vectors());
            return new RoutingSnapshot(revision, settings,
                    Signals.compile(settings.routing().signals(), settings.routing().projections(), rules,
                            both.resultAt(1), cards), Map.copyOf(selectors),
                    candidates(settings, cards, anchors), Map.copyOf(cards),
                    embedded.modelId(), inCardOrder(settings, anchors));
        });
    }

    private record Embedded(String modelId, List<float[]> vectors) {
    }

    /** The bank never changes: embedded once per embedding model, then reused by every config version. */
    private Future<Embedded> bankVectors(String modelId, List<String> prompts) {
        Embedded cached = embeddedBank;
        if (cached != null && cached.modelId().equals(modelId)) {
            return Future.succeededFuture(cached);
        }
        return embedAll(prompts).onSuccess(embedded -> embeddedBank = embedded);
    }

    /** The anchors by model, in the order of the cards (so that every run breaks ties alike). */
    private static Map<String, List<float[]>> inCardOrder(RouterSettings settings, Map<String, List<float[]>> anchors) {
        Map<String, List<float[]>> ordered = new LinkedHashMap<>();
        for (ModelCard card : settings.routing().modelCards()) {
            if (anchors.containsKey(card.name())) {
                ordered.put(card.name(), List.copyOf(anchors.get(card.name())));
            }
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** Each decision's candidates, resolved once per config version instead of per request. */
    private static Map<String, List<Candidate>> candidates(RouterSettings settings, Map<String, float[]> cards,
            Map<String, List<float[]>> anchors) {
        Map<String, ModelCard> cardsByModel = new HashMap<>();
        settings.routing().modelCards().forEach(card -> cardsByModel.put(card.name(), card));
        Map<String, List<Candidate>> byDecision = new HashMap<>();
        for (DecisionDefinition decision : settings.routing().decisions()) {
            byDecision.put(decision.name(), decision.modelRefs().stream().map(ref -> new Candidate(ref.model(),
                    ref.weight(), settings.providers().model(ref.model()).orElseThrow(), cardsByModel.get(ref.model()),
                    cards.get(ref.model()), anchors.getOrDefault(ref.model(), List.of()))).toList());
        }
        return Map.copyOf(byDecision);
    }

    /** The language rules with a detector (built on a worker when not cached); null without language rules. */
    private Future<LanguageRules> languageRules(List<LanguageSignal> rules) {
        if (rules.isEmpty()) {
            return Future.succeededFuture(null);
        }
        Set<IsoCode639_1> languages = LanguageRules.languagesFor(rules);
        LanguageDetector cached = detectors.get(languages);
        if (cached != null) {
            return Future.succeededFuture(LanguageRules.of(rules, cached));
        }
        return vertx.executeBlocking(() -> detectors.computeIfAbsent(languages, LanguageRules::detector), false)
                .map(detector -> LanguageRules.of(rules, detector));
    }

    private Future<Embedded> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return Future.succeededFuture(new Embedded(null, List.of()));
        }
        List<Future<EmbedReply>> batches = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            batches.add(eventBus.<EmbedReply>request(Addresses.EMBEDDER_EMBED, new EmbedRequest(batch),
                    new DeliveryOptions().setSendTimeout(EMBED_TIMEOUT_MS)).map(m -> m.body()));
        }
        return Future.all(batches).map(all -> {
            List<float[]> vectors = new ArrayList<>();
            for (Future<EmbedReply> batch : batches) {
                vectors.addAll(batch.result().vectors());
            }
            return new Embedded(batches.get(0).result().modelId(), vectors);
        });
    }
}
