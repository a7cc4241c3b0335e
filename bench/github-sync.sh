#!/usr/bin/env bash
# Syncs a 30-repository release with 2,000 issues against a fake GitHub on
# 127.0.0.1 (the real github-api client) and prints the API calls made, cold
# and warm, beside what a per-repository listing would need.
# Usage: bench/github-sync.sh [repos] [issues]   (from a fresh clone; builds the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.btrbot.adapter.github.SyncBenchmark "${1:-30}" "${2:-2000}"
