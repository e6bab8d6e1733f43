// Mocha's spec output, plus the counts written to $AIP_STATS_FILE for the one-line summary of `npm test`.
// A test that skips must say why (test/skip.ts: skipBecause); a skip without a reason is turned into a failure.
const fs = require('node:fs');
const Mocha = require('mocha');

/** Same lookup as skipReasonOf in test/skip.ts: the reason on the test or on a suite around it. */
function skipReason(test) {
  for (let node = test; node; node = node.parent)
    if (typeof node.aipSkipReason === 'string' && node.aipSkipReason) return node.aipSkipReason;
  return undefined;
}

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let skipped = 0;
    runner.on('pending', (test) => {
      const reason = skipReason(test);
      if (reason) {
        skipped++;
        Mocha.reporters.Base.consoleLog(`        skipped: ${reason}`);
      } else {
        // Counted by mocha as a failure (exit code included), and printed with the other failures.
        runner.fail(
          test,
          new Error('skipped without a reason: skip with skipBecause(this, reason) from test/skip.ts'),
          true,
        );
      }
    });
    runner.once('end', () => {
      const file = process.env.AIP_STATS_FILE;
      if (file)
        fs.writeFileSync(file, JSON.stringify({ passed: this.stats.passes, failed: this.stats.failures, skipped }));
    });
  }
}
module.exports = CountingReporter;
