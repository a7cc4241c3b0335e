#!/usr/bin/env bash
# Times the dashboard's pages (release page, a deep audit-log page, its JSON, the
# index) over loopback against the real Jetty, for a 60-day-old release with 10,
# 500 and 2,000 blockers and as many audit events, on a real SQLite file.
# Usage: bench/dashboard.sh [runs-per-page]   (from a fresh clone; builds the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.btrbot.adapter.web.DashboardBenchmark "${1:-30}"
