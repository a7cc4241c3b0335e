#!/usr/bin/env bash
# Three replicas (JVMs) on one PostgreSQL database (a real server on loopback, started here); the leader is
# killed with SIGKILL, round after round. Prints each hand-over's time and the seconds two replicas both led.
# Usage: bench/replica-drill.sh [rounds]   (from a fresh clone; builds the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.btrbot.bench.ReplicaDrill "${1:-3}"
