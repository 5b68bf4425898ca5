package dev.switchboard.feedback.kafka;

import dev.switchboard.contracts.trace.TraceNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events to Kafka without ever making the caller wait: {@link #append} puts the record into a bounded buffer
 * and returns; one sender thread hands records to an idempotent {@code acks=all} producer. While Kafka is away the
 * buffer fills (records the producer gave up on go back to its head); when it is full the oldest record is dropped
 * and counted ({@code switchboard_kafka_events_dropped_total}), and a WARN line {@code kafka_events_dropped} says how
 * many, at most once per {@link #DROP_REPORT_INTERVAL}. When Kafka returns, the buffer drains in order. What can wait
 * for Kafka is the buffer's capacity plus the records already handed to the producer (at most
 * {@value #MAX_IN_FLIGHT}, retried by it for the delivery timeout and then put back or counted as dropped): every
 * appended record is always in exactly one of sent, dropped, {@code buffered} or {@code in_flight}.
 */
public final class EventLog implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EventLog.class);
    /** Records handed to the producer and not yet acknowledged; beyond this they wait in the buffer. */
    static final int MAX_IN_FLIGHT = 1_000;
    /** Drops are logged at most this often, with the count since the last line: a log that cannot flood. */
    static final Duration DROP_REPORT_INTERVAL = Duration.ofMinutes(1);
    /**
     * How long the producer gathers records into one request. Every request costs the broker (and, for the embedded
     * one, the router's own two cores) about half a millisecond whatever it holds: at 5 ms a router serving one stream
     * sent one request per decision and its inference ran a third slower beside the broker. The events are a record,
     * not on any request's path; learning sees them this much later.
     */
    static final int LINGER_MS = 50;

    private final KafkaProducer<String, String> producer;
    private final Deque<Pending> buffer = new ArrayDeque<>();
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final int capacity;
    private final Semaphore inFlight;
    private final Counter dropped;
    private final Counter sent;
    private final AtomicInteger handedOver = new AtomicInteger();
    private final DropReport dropReport;
    private final Thread sender;
    private volatile boolean running = true;

    /**
     * @param bootstrapServers the cluster
     * @param capacity         records held while Kafka is unreachable
     * @param deliveryTimeout  how long the producer retries one record before it comes back to the buffer
     */
    public EventLog(String bootstrapServers, int capacity, Duration deliveryTimeout, MeterRegistry registry) {
        this(bootstrapServers, capacity, deliveryTimeout, registry, OpenTelemetry.noop());
    }

    /** @param openTelemetry the process's traces (a span per record appended within a trace) */
    public EventLog(String bootstrapServers, int capacity, Duration deliveryTimeout, MeterRegistry registry,
            OpenTelemetry openTelemetry) {
        this(bootstrapServers, capacity, deliveryTimeout, MAX_IN_FLIGHT, DROP_REPORT_INTERVAL, registry,
                openTelemetry);
    }

    EventLog(String bootstrapServers, int capacity, Duration deliveryTimeout, int maxInFlight,
            Duration dropReportInterval, MeterRegistry registry) {
        this(bootstrapServers, capacity, deliveryTimeout, maxInFlight, dropReportInterval, registry,
                OpenTelemetry.noop());
    }

    private EventLog(String bootstrapServers, int capacity, Duration deliveryTimeout, int maxInFlight,
            Duration dropReportInterval, MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(TraceNames.INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.capacity = capacity;
        this.dropReport = new DropReport(dropReportInterval, capacity);
        this.inFlight = new Semaphore(maxInFlight);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "switchboard-events",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(deliveryTimeout.toMillis(), 30_000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis() + LINGER_MS,
                // Waiting for metadata happens on the sender thread only, never on the caller's.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                new StringSerializer(), new StringSerializer());
        this.dropped = Counter.builder("switchboard.kafka.events.dropped")
                .description("Events dropped because the buffer was full while Kafka was unreachable")
                .register(registry);
        this.sent = Counter.builder("switchboard.kafka.events.sent").description("Events acknowledged by Kafka")
                .register(registry);
        Gauge.builder("switchboard.kafka.events.buffered", this, EventLog::buffered)
                .description("Events waiting for Kafka").register(registry);
        Gauge.builder("switchboard.kafka.events.in_flight", handedOver, AtomicInteger::get)
                .description("Events handed to the Kafka producer and not yet acknowledged or given back")
                .register(registry);
        this.sender = new Thread(this::sendLoop, "switchboard-kafka-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** A record waiting for Kafka, with the span of its sending (an invalid one outside a trace). */
    private record Pending(ProducerRecord<String, String> record, Span span) {
    }

    /**
     * Queues one event; never blocks. Appended within a trace (a request's), the record gets a producer span, ended
     * when Kafka acknowledges it, and carries that span's {@code traceparent} in its headers, as OpenTelemetry's
     * Kafka instrumentation does, so that a consumer can continue the trace.
     */
    public void append(String topic, String key, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        Span span = Span.getInvalid();
        if (Span.current().getSpanContext().isValid()) {
            span = tracer.spanBuilder(TraceNames.KAFKA_SEND_PREFIX + topic).setSpanKind(SpanKind.PRODUCER)
                    .setAttribute(TraceNames.MESSAGING_SYSTEM, "kafka")
                    .setAttribute(TraceNames.MESSAGING_DESTINATION, topic)
                    .setAttribute(TraceNames.MESSAGING_OPERATION, "send")
                    .setAttribute(TraceNames.MESSAGING_KAFKA_KEY, key).startSpan();
            propagator.inject(Context.current().with(span), record.headers(),
                    (headers, name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        }
        synchronized (buffer) {
            if (buffer.size() >= capacity) {
                dropped(buffer.pollFirst());
            }
            buffer.addLast(new Pending(record, span));
            buffer.notifyAll();
        }
    }

    private void dropped(Pending pending) {
        drop();
        pending.span().setStatus(StatusCode.ERROR, "dropped");
        pending.span().end();
    }

    /** Events handed to the producer and not yet acknowledged or given back. */
    public int inFlight() {
        return handedOver.get();
    }

    private void drop() {
        dropped.increment();
        dropReport.dropped();
    }

    /** Events waiting to be handed to Kafka. */
    public int buffered() {
        synchronized (buffer) {
            return buffer.size();
        }
    }

    private void sendLoop() {
        while (running) {
            try {
                dropReport.flushIfDue();
                inFlight.acquire();
                Pending record = next();
                if (record == null) {
                    inFlight.release();
                    continue;
                }
                send(record);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Pending next() throws InterruptedException {
        synchronized (buffer) {
            while (buffer.isEmpty() && running) {
                buffer.wait(500);
                dropReport.flushIfDue(); // the last drops of an outage are reported even when no more come
            }
            return buffer.pollFirst();
        }
    }

    private void send(Pending record) throws InterruptedException {
        handedOver.incrementAndGet();
        try {
            producer.send(record.record(), (metadata, error) -> {
                handedOver.decrementAndGet();
                inFlight.release();
                if (error == null) {
                    sent.increment();
                    record.span().end();
                } else if (error instanceof RecordTooLargeException) {
                    // Never taken, however often sent: retried, it would hold up every record behind it.
                    dropped(record);
                } else {
                    requeue(record, error);
                }
            });
        } catch (RuntimeException notHandedOver) {
            // No metadata within max.block.ms (Kafka is away): back to the buffer, and wait a little.
            handedOver.decrementAndGet();
            inFlight.release();
            requeue(record, notHandedOver);
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** A record Kafka did not take goes back to the head of the buffer, unless newer records filled it. */
    private void requeue(Pending record, Exception error) {
        synchronized (buffer) {
            if (buffer.size() >= capacity) {
                dropped(record);
            } else {
                buffer.addFirst(record);
                buffer.notifyAll();
            }
        }
        LOGGER.atDebug().setMessage("kafka_send_retry").addKeyValue("topic", record.record().topic())
                .addKeyValue("error", error.toString()).log();
    }

    /** Sends what it can within {@code timeout}, then closes the producer; what is left is reported. */
    public void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffered() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        sender.interrupt();
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        dropReport.flush();
        int left = buffered();
        if (left > 0) {
            LOGGER.atWarn().setMessage("kafka_events_unsent").addKeyValue("count", left).log();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
