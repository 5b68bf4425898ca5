package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code global.stores}: the stores shared by decisions. Only the reference's {@code response_cache} is supported;
 * its memory and vector stores are dropped with a warning.
 *
 * @param responseCache where cached responses are kept, and the defaults of each decision's {@code response_cache}
 *                      plugin
 */
public record StoresConfig(@JsonProperty("response_cache") ResponseCacheStoreConfig responseCache) {

    public StoresConfig {
        responseCache = responseCache == null ? ResponseCacheStoreConfig.defaults() : responseCache;
    }

    static StoresConfig defaults() {
        return new StoresConfig(null);
    }
}
