// Sums the outcome counters of every TRX file under a folder and prints the closing line CI reads:
//   "N passed, N failed" (", N skipped" when any were skipped).
// Exits 1 when no TRX file or no executed test was found, so "ran no test" can never pass silently.
'use strict';
const fs = require('fs');
const path = require('path');

const root = process.argv[2] || 'TestResults';
const files = [];
(function walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.trx')) files.push(full);
  }
})(root);

let passed = 0, failed = 0, skipped = 0;
for (const file of files) {
  const xml = fs.readFileSync(file, 'utf8');
  const counters = /<Counters\b([^>]*)\/?>/.exec(xml);
  if (!counters) continue;
  const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(counters[1]) || [0, 0])[1]);
  passed += attr('passed');
  failed += attr('failed') + attr('error') + attr('timeout') + attr('aborted');
  skipped += attr('notExecuted');
}

console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(files.length === 0 || passed + failed === 0 ? 1 : 0);
