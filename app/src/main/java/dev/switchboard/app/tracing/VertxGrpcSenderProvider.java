package dev.switchboard.app.tracing;

import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;

/** Found by the OTLP gRPC exporter through {@code META-INF/services}: its sender is {@link VertxGrpcSender}. */
public final class VertxGrpcSenderProvider implements GrpcSenderProvider {

    @Override
    public GrpcSender createSender(GrpcSenderConfig config) {
        return new VertxGrpcSender(config);
    }
}
