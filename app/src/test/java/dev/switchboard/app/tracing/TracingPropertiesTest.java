package dev.switchboard.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.TracingConfig;
import org.junit.jupiter.api.Test;

class TracingPropertiesTest {

    private static TracingConfig tracing(String block) throws Exception {
        return ConfigLoader.parse("""
                version: v0.3
                providers:
                  defaults: {default_model: m}
                  models: [{name: m, backend_refs: [{name: b, endpoint: "127.0.0.1:1"}]}]
                global:
                  services:
                    observability:
                      tracing: %s
                """.formatted(block), "t").config().global().services().observability().tracing();
    }

    @Test
    void shouldTakeTheReferencesHostAndPortAsOtlpsUrlForEachProtocol() throws Exception {
        assertThat(Tracing.endpoint(tracing("{exporter: {endpoint: \"jaeger:4317\"}}").exporter()))
                .isEqualTo("http://jaeger:4317");
        assertThat(Tracing.endpoint(tracing("{exporter: {endpoint: \"jaeger:4317\", insecure: false}}").exporter()))
                .isEqualTo("https://jaeger:4317");
        assertThat(Tracing.endpoint(tracing("{exporter: {endpoint: \"jaeger:4318\", protocol: http/protobuf}}")
                .exporter())).isEqualTo("http://jaeger:4318/v1/traces");
        assertThat(Tracing.endpoint(tracing("{exporter: {endpoint: \"https://otel.example/v1/traces\", "
                + "protocol: http/protobuf}}").exporter())).isEqualTo("https://otel.example/v1/traces");
        assertThat(Tracing.endpoint(tracing("{}").exporter())).isEqualTo("http://127.0.0.1:4317");
        assertThat(Tracing.endpoint(tracing("{exporter: {protocol: http/protobuf}}").exporter()))
                .isEqualTo("http://127.0.0.1:4318/v1/traces");
    }

    @Test
    void shouldMapTheSamplingTypesAndResourceOntoTheSdksProperties() throws Exception {
        var on = Tracing.properties(tracing("{enabled: true, resource: {service_name: sr, service_version: \"1.2\", "
                + "deployment_environment: homelab, attributes: {team: ai}}}"));
        var sampled = Tracing.properties(tracing("{enabled: true, sampling: {type: probabilistic, rate: 0.25}}"));
        var off = Tracing.properties(tracing("{sampling: {type: always_off}}"));

        assertThat(on).containsEntry("otel.sdk.disabled", "false").containsEntry("otel.service.name", "sr")
                .containsEntry("otel.resource.attributes",
                        "service.version=1.2,deployment.environment.name=homelab,team=ai")
                .containsEntry("otel.traces.sampler", "parentbased_always_on")
                .containsEntry("otel.metrics.exporter", "none").containsEntry("otel.logs.exporter", "none");
        assertThat(sampled).containsEntry("otel.traces.sampler", "parentbased_traceidratio")
                .containsEntry("otel.traces.sampler.arg", "0.25");
        assertThat(off).containsEntry("otel.sdk.disabled", "true")
                .containsEntry("otel.traces.sampler", "parentbased_always_off");
    }

    @Test
    void shouldBeOffUnlessTheFileOrTheEnvironmentTurnsItOn() throws Exception {
        try (Tracing tracing = Tracing.of(tracing("{}"))) {
            assertThat(tracing.enabled()).isEqualTo("false".equals(System.getenv("OTEL_SDK_DISABLED")));
        }
    }
}
