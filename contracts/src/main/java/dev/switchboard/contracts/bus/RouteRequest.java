package dev.switchboard.contracts.bus;

import java.util.List;

/**
 * Body of {@link Addresses#ROUTER_ROUTE}: what the router needs to know about one chat request. Prompt text travels
 * on the bus inside the process only and is never logged.
 *
 * @param requestId       the request's id ({@code x-request-id} or generated), for logs and events
 * @param requestedModel  the body's {@code model}: an auto name, a decision name or a configured model
 * @param userMessage     the latest user message, the text that is classified
 * @param earlierTurns    a bounded window of earlier user turns, oldest first
 * @param estimatedTokens estimate of the whole request's prompt tokens, for context signals
 * @param sessionId       {@code x-session-id} or {@code x-conversation-id}; nullable
 * @param userId          the caller's user id; nullable
 * @param dryRun          true when the request will not be forwarded ({@code POST /api/v1/route}): it is routed
 *                        but not counted as in flight
 * @param ingress         where the request came in: {@code extproc}, {@code http}, or a tool's name such as
 *                        {@code bench}; logged as the decision's {@code component}
 * @param answerByNanos   the {@link System#nanoTime()} after which the asker no longer waits (it has served the
 *                        request without a decision and recorded that); 0 for an asker that waits as long as it takes
 * @param shape           the request's message roles, tools and images, for conversation rules
 * @param caller          the caller's gateway identity and the body's metadata, for authz and metadata rules
 */
public record RouteRequest(
        String requestId,
        String requestedModel,
        String userMessage,
        List<String> earlierTurns,
        int estimatedTokens,
        String sessionId,
        String userId,
        boolean dryRun,
        String ingress,
        long answerByNanos,
        ConversationShape shape,
        CallerFacts caller) {

    /** How many earlier user turns a request carries at most: enough for re-ask rules, bounded for memory. */
    public static final int MAX_EARLIER_TURNS = 4;

    /** A request whose asker waits for the answer however long it takes (tools, benchmarks, the evaluation). */
    public RouteRequest(String requestId, String requestedModel, String userMessage, List<String> earlierTurns,
            int estimatedTokens, String sessionId, String userId, boolean dryRun, String ingress) {
        this(requestId, requestedModel, userMessage, earlierTurns, estimatedTokens, sessionId, userId, dryRun, ingress,
                0, null, null);
    }

    /** True once the asker has stopped waiting: an answer now would not be the one that served the request. */
    public boolean tooLate() {
        return answerByNanos != 0 && System.nanoTime() - answerByNanos > 0;
    }

    public RouteRequest {
        ingress = ingress == null ? "unknown" : ingress;
        userMessage = userMessage == null ? "" : userMessage;
        earlierTurns = earlierTurns == null ? List.of() : List.copyOf(earlierTurns);
        shape = shape == null ? ConversationShape.SINGLE_USER_TURN : shape;
        caller = caller == null ? CallerFacts.NONE : caller;
    }
}
