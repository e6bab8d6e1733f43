// Mocha's spec output, plus the pass/fail counts written to $AIP_STATS_FILE for the one-line summary of `npm test`.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.AIP_STATS_FILE;
      if (file) fs.writeFileSync(file, JSON.stringify({ passed: this.stats.passes, failed: this.stats.failures, pending: this.stats.pending }));
    });
  }
}
module.exports = CountingReporter;
