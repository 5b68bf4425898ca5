#!/usr/bin/env bash
# As in the official image: what the stack test reads the event topics with.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
