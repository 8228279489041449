// Preloaded into a benchmarked child (`node --import ./bench/rss-probe.ts …`): at exit it writes the child's peak
// resident set size and CPU time as JSON to the file named by LMREC_BENCH_PROBE.

import fs from 'node:fs';

const target = process.env.LMREC_BENCH_PROBE;
if (target) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    fs.writeFileSync(
      target,
      JSON.stringify({
        code,
        maxRssBytes: usage.maxRSS * 1024,
        userSeconds: usage.userCPUTime / 1e6,
        systemSeconds: usage.systemCPUTime / 1e6,
      }),
    );
  });
}
