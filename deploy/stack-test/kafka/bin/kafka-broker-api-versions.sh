#!/usr/bin/env bash
# As in the official image: the compose file's health check of the broker.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
