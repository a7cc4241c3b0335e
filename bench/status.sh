#!/usr/bin/env bash
# Times `status`, `status --json`, the gate behind `tag` and `blockers` for a
# release with 10, 500 and 2,000 blockers and 20 sign-offs, on a real SQLite
# file (branch heads from memory: git's own time is not counted).
# Usage: bench/status.sh [runs-per-command]   (from a fresh clone; builds the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.btrbot.bench.StatusBenchmark "${1:-30}"
