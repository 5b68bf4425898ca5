package dev.switchboard.feedback.kafka;

import dev.switchboard.contracts.bus.ResponseCacheEntry;
import dev.switchboard.feedback.events.CacheEntryJson;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the shared response cache's topic on its own thread, from its beginning (every instance reads every
 * partition; no consumer group), and hands every entry that another instance kept, or this one before it restarted,
 * and that is still live to {@code deliver}. Kafka being away only pauses it; a record it cannot read is skipped and
 * counted in a DEBUG line, never its content.
 */
public final class CacheEntryFollower implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(CacheEntryFollower.class);

    private final String bootstrapServers;
    private final String topic;
    private final String instance;
    private final Consumer<ResponseCacheEntry> deliver;
    private final LongSupplier clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    /**
     * @param instance the id this process writes its own entries with, which it already holds
     * @param deliver  called on the follower's thread with each live entry of another instance
     */
    public CacheEntryFollower(String bootstrapServers, String topic, String instance,
            Consumer<ResponseCacheEntry> deliver, LongSupplier clock) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.instance = instance;
        this.deliver = deliver;
        this.clock = clock;
        this.thread = new Thread(this::run, "switchboard-cache-follower");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-cache-" + instance,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer = kafka;
                List<TopicPartition> partitions = TopicPartitions.await(kafka, topic, () -> running);
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                        take(record);
                    }
                }
                return;
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                LOGGER.atWarn().setMessage("cache_follower_restarting").addKeyValue("error", e.toString()).log();
                TopicPartitions.sleepQuietly(2_000);
            }
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone: nothing to serve
        }
        try {
            JsonObject json = new JsonObject(record.value());
            if (instance.equals(CacheEntryJson.instance(json))) {
                return;
            }
            ResponseCacheEntry entry = CacheEntryJson.decode(json);
            if (!entry.expired(clock.getAsLong())) {
                deliver.accept(entry);
            }
        } catch (DecodeException | IllegalArgumentException unreadable) {
            LOGGER.atDebug().setMessage("cache_entry_unreadable").addKeyValue("offset", record.offset())
                    .addKeyValue("error", unreadable.getClass().getSimpleName()).log();
        }
    }

    /** Stops reading; waits up to 5 s. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(1_000);
            KafkaConsumer<String, String> current = consumer;
            if (thread.isAlive() && current != null) {
                current.wakeup();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
