package dev.switchboard.contracts.config;

/**
 * {@code global}: process-wide settings. Every block is optional and has working defaults, so the homelab file,
 * which has no {@code global}, runs as it is.
 *
 * @param services  listening addresses and shutdown drain time
 * @param proxy     request limits and timeouts of the ingresses
 * @param router    auto model names
 * @param reload    hot reload of the config file
 * @param kafka     the event log; embedded broker unless {@code bootstrap_servers} is set
 * @param learning  what the feedback loop remembers and how outcomes count
 * @param embedding the embedding model
 * @param logging   log level
 * @param stores    the response cache's store
 */
public record GlobalConfig(
        ServicesConfig services,
        ProxyConfig proxy,
        RouterGlobals router,
        ReloadConfig reload,
        KafkaConfig kafka,
        LearningConfig learning,
        EmbeddingConfig embedding,
        LoggingConfig logging,
        StoresConfig stores) {

    public GlobalConfig {
        services = services == null ? new ServicesConfig(null, null, null, null) : services;
        proxy = proxy == null ? ProxyConfig.defaults() : proxy;
        router = router == null ? new RouterGlobals(null) : router;
        reload = reload == null ? new ReloadConfig(null, null) : reload;
        kafka = kafka == null ? KafkaConfig.defaults() : kafka;
        learning = learning == null ? LearningConfig.defaults() : learning;
        embedding = embedding == null ? EmbeddingConfig.defaults() : embedding;
        logging = logging == null ? new LoggingConfig(null) : logging;
        stores = stores == null ? StoresConfig.defaults() : stores;
    }

    static GlobalConfig defaults() {
        return new GlobalConfig(null, null, null, null, null, null, null, null, null);
    }
}
