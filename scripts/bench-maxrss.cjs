/*
 * Preloaded by the benchmark (`node --require scripts/bench-maxrss.cjs …`):
 * when the process exits, writes its resource use to the file named by
 * BENCH_MAXRSS_FILE as JSON: `maxRSS` is the peak resident memory in KiB
 * (worker threads included), `cpuSeconds` the user + system CPU time.
 * Plain CommonJS so that tsc leaves it alone.
 */
'use strict'
const file = process.env.BENCH_MAXRSS_FILE
if (file) {
  // Child processes of this one must not overwrite the file.
  delete process.env.BENCH_MAXRSS_FILE
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage()
      const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6
      require('node:fs').writeFileSync(file, JSON.stringify({ maxRSS: usage.maxRSS, cpuSeconds }))
    } catch {
      // The benchmark reports the memory as unknown.
    }
  })
}
