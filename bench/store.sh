#!/usr/bin/env bash
# The same commands on a SQLite file and on PostgreSQL (a real server on loopback, started here as the tests
# start it), side by side: `status` at 2,000 blockers, one sign-off, 8 sign-offs at once.
# Usage: bench/store.sh [runs-per-command]   (from a fresh clone; builds the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.btrbot.bench.StoreBenchmark "${1:-30}"
