package dev.switchboard.contracts.bus;

import io.vertx.core.eventbus.EventBus;
import java.util.List;

/** Registers the codec of every message record, once per Vert.x instance, before any verticle is deployed. */
public final class Codecs {

    /** Every record that travels on the event bus. */
    static final List<Class<?>> MESSAGE_TYPES = List.of(ConfigChanged.class, EmbedRequest.class, EmbedReply.class,
            RouteRequest.class, RouteDecision.class, OutcomeEvent.class, LearnedState.class, DecisionRecord.class,
            FeedbackSubmission.class, FeedbackReceipt.class, ConfigReload.class, ResponseCacheEntry.class,
            CacheLookupResult.class);

    private Codecs() {
    }

    public static void registerAll(EventBus eventBus) {
        for (Class<?> type : MESSAGE_TYPES) {
            register(eventBus, type);
        }
    }

    private static <T> void register(EventBus eventBus, Class<T> type) {
        eventBus.registerDefaultCodec(type, new LocalCodec<>(type));
    }
}
