package dev.switchboard.contracts.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Null-tolerant immutable copies: a YAML {@code - } entry binds to {@code null}, which the validator reports. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> immutable(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
