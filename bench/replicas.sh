#!/usr/bin/env bash
# serve replicas (java -jar target/btr-bot.jar serve, real processes) answering signed /btr requests over Slack's
# HTTP endpoint (the tests' fake Slack answers), side by side in one run: SQLite and PostgreSQL (a real server on
# loopback, started here), one replica and two. Prints a table: `status` at 2,000 blockers (request to answer) and
# the acknowledgement of 50 signed requests sent at once. Takes about 5 minutes.
# Usage: bench/replicas.sh [runs]   (from a fresh clone; builds the jar and the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.btrbot.bench.ReplicaBench "${1:-30}"
