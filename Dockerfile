# Switchboard's image: built with the Maven wrapper, run on a JRE 17, as a non-root user.
#
#   docker build -t switchboard .
#   docker run --rm -p 127.0.0.1:8080:8080 -p 127.0.0.1:50051:50051 \
#     -v "$PWD/deploy/switchboard/config.yaml:/etc/switchboard/config.yaml:ro" switchboard
#
# The base images are build arguments, so that the image also builds where no public registry can be reached
# (deploy/stack-test/ builds both from a local Debian image). The default embedding model is inside the jar: nothing
# is downloaded when the container runs. The config must bind 0.0.0.0 to be reachable from outside the container
# (deploy/switchboard/config.yaml does); publish its ports on 127.0.0.1 unless it sets tokens and TLS.
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUN_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Only what the app needs: the poms of every module (the reactor reads them all) and the sources of the app's.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY contracts contracts
COPY selection selection
COPY embedder-verticle embedder-verticle
COPY router-verticle router-verticle
COPY feedback-verticle feedback-verticle
COPY proxy-verticle proxy-verticle
COPY app app
COPY gateway-configs/pom.xml gateway-configs/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN ./mvnw -B -q -DskipTests -pl app -am package && cp app/target/switchboard.jar /switchboard.jar

FROM ${RUN_IMAGE}
# A fixed uid, so that volumes and Kubernetes' runAsNonRoot can name it.
RUN useradd --uid 10001 --no-create-home --home-dir /opt/switchboard --shell /usr/sbin/nologin switchboard \
    && mkdir -p /opt/switchboard /etc/switchboard \
    && chown switchboard /opt/switchboard
COPY --from=build /switchboard.jar /opt/switchboard/switchboard.jar
COPY conf/config.yaml /etc/switchboard/config.yaml
USER switchboard
WORKDIR /opt/switchboard
# Sized for a small box (a Mac mini, a 2-core VM): the heap takes at most half of the container's memory and leaves
# the rest to ONNX Runtime's native arena and the JIT; the JVM exits on OutOfMemoryError so that the engine restarts
# it instead of leaving it half-alive. Override with JAVA_OPTS.
ENV JAVA_OPTS="-XX:InitialRAMPercentage=10 -XX:MaxRAMPercentage=50 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080 50051
# /ready is 200 once the pipeline is up and the learned state has caught up. bash's /dev/tcp: no curl in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/switchboard/switchboard.jar serve --config /etc/switchboard/config.yaml \"$@\"", "switchboard"]
