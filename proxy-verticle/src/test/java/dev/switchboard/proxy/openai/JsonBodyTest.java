package dev.switchboard.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void shouldAcceptEveryWellFormedUtf8Sequence() throws Exception {
        String text = "é 日本 😀 \uDBFF\uDFFF \u07FF \u0800 \uFFFF";

        var body = JsonBody.parse(Buffer.buffer("{\"t\":\"" + text + "\"}"), 8, "x");

        assertThat(body.getString("t")).isEqualTo(text);
        assertThat(JsonBody.firstInvalidUtf8(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void shouldFindWhatRfc3629Forbids() {
        // Overlong '/' in two and three bytes, an encoded low surrogate, past U+10FFFF, a lone continuation byte,
        // a sequence cut short, and the bytes that never start one.
        for (String hex : new String[] {"c0af", "c1bf", "e080af", "edb080", "f4908080", "80", "e282", "f5808080",
            "ff"}) {
            byte[] bytes = HexFormat.of().parseHex("41" + hex + "42");

            assertThat(JsonBody.firstInvalidUtf8(bytes)).as(hex).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseWhatFollowsTheObject() {
        assertThatThrownBy(() -> JsonBody.parse(Buffer.buffer("{\"a\":1} {\"a\":2}"), 8, "x"))
                .hasMessage("the request body is not valid JSON: more content after the JSON object (line 1, column 9)");
    }
}
