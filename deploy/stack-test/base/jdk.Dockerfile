# The build image for machines without a registry: the JRE base plus Debian's JDK 17 and what the Maven wrapper
# uses to fetch Maven (curl, unzip). Stands in for eclipse-temurin:17-jdk. certs/ holds the machine's own CA
# certificates (stack-test.sh copies /usr/local/share/ca-certificates there): where egress goes through a TLS proxy,
# Maven Central is only trusted with them. The run image gets none of them.
ARG BASE_IMAGE=local/jre17:bookworm
FROM ${BASE_IMAGE}
COPY certs/ /usr/local/share/ca-certificates/
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless curl unzip \
    && update-ca-certificates \
    && rm -rf /var/lib/apt/lists/*
