package dev.switchboard.feedback.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Int8Rows;
import dev.switchboard.selection.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** A cluster's packed rows: appended in order, forgotten from the front, and never changed once published. */
class PackedRowsTest {

    private static final Offset<Double> QUANTISED = Offset.offset(0.01);

    @Test
    void shouldKeepThePublishedRowsWhileRowsAreAppendedAndForgotten() {
        PackedRows rows = new PackedRows(2);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            vectors.add(onCircle(i));
            rows.append(vectors.get(i));
        }
        Int8Rows published = rows.published();

        for (int i = 10; i < 300; i++) {
            rows.append(onCircle(i));
            rows.forgetOldest();
        }

        for (int m = 0; m < 10; m++) {
            assertThat(Vectors.dot(vectors.get(m), published, m)).as("member %d", m).isCloseTo(1.0, QUANTISED);
        }
    }

    @Test
    void shouldSkipTheForgottenAndCompactThemAway() {
        PackedRows rows = new PackedRows(2);
        for (int i = 0; i < 200; i++) {
            rows.append(onCircle(i));
        }
        for (int i = 0; i < 150; i++) {
            rows.forgetOldest();
        }

        Int8Rows published = rows.published();

        assertThat(rows.live()).isEqualTo(50);
        assertThat(published.first()).as("compacted once the forgotten outnumbered the live").isLessThan(150);
        for (int m = 0; m < 50; m++) {
            assertThat(Vectors.dot(onCircle(150 + m), published, m)).as("member %d", m).isCloseTo(1.0, QUANTISED);
        }
    }

    private static float[] onCircle(double angle) {
        return new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
    }
}
