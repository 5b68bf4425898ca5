# The JRE base image for machines without a registry: Debian (from debootstrap, imported by stack-test.sh) and
# Debian's OpenJDK 17 JRE. Stands in for eclipse-temurin:17-jre.
ARG BASE_IMAGE=local/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates \
    && rm -rf /var/lib/apt/lists/*
