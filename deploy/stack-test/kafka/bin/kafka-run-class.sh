#!/usr/bin/env bash
# Runs one of Kafka's command-line classes on the image's libraries, as the official image's bin/ scripts do.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.yaml \
  -cp "/opt/kafka/libs/*" "$@"
