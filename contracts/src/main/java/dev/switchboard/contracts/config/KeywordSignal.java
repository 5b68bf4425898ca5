package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code routing.signals.keywords[]}.
 *
 * @param name          rule name referenced by conditions of type {@code keyword}
 * @param description   free text; nullable
 * @param operator      {@code OR} (any keyword, default), {@code AND} (every keyword) or {@code NOR} (none)
 * @param method        {@code plain} (substring, default) or {@code regex} (each keyword is a Java regular
 *                      expression, found anywhere in the text)
 * @param keywords      the keywords or patterns
 * @param caseSensitive whether matching respects case; false by default
 * @param wordBoundary  for {@code plain}: whether a keyword must match whole words only; false by default, which is
 *                      the substring test of the homelab article's Python router
 */
public record KeywordSignal(
        String name,
        String description,
        String operator,
        String method,
        List<String> keywords,
        @JsonProperty("case_sensitive") Boolean caseSensitive,
        @JsonProperty("word_boundary") Boolean wordBoundary) {

    public static final String METHOD_PLAIN = "plain";
    public static final String METHOD_REGEX = "regex";

    public KeywordSignal {
        operator = operator == null ? "OR" : operator;
        method = method == null ? METHOD_PLAIN : method;
        keywords = Lists.immutable(keywords);
        caseSensitive = caseSensitive != null && caseSensitive;
        wordBoundary = wordBoundary != null && wordBoundary;
    }
}
