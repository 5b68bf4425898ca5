package dev.switchboard.contracts.config;

/**
 * What a decision changes in the request it forwards, from its plugins; each part null when the decision has none.
 *
 * @param systemPrompt the system prompt to put in the messages
 * @param params       limits on the body's parameters
 * @param headers      headers to set or remove upstream
 */
public record RequestRewrite(SystemPromptPlugin systemPrompt, RequestParamsPlugin params,
        HeaderMutationPlugin headers) {

    public static final RequestRewrite NONE = new RequestRewrite(null, null, null);

    public boolean isEmpty() {
        return systemPrompt == null && params == null && headers == null;
    }
}
