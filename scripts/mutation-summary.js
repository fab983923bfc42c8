// Summarises a Stryker JSON report (mutation-testing-elements schema) for tests/MUTATION.md: one line of counts per
// floor and every surviving or uncovered mutant as file:line mutator → replacement, so each can be killed or explained.
'use strict';
const fs = require('fs');
const path = require('path');

const [floor, reportPath] = process.argv.slice(2);
if (!floor || !reportPath) {
  console.error('usage: node scripts/mutation-summary.js FLOOR REPORT.json');
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const counts = { Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
const open = [];
for (const [file, entry] of Object.entries(report.files)) {
  for (const m of entry.mutants) {
    counts[m.status] = (counts[m.status] || 0) + 1;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      const name = path.relative(process.cwd(), path.resolve(report.projectRoot || '.', file));
      open.push(`${m.status === 'Survived' ? 'survived' : 'no coverage'}  ${name}:${m.location.start.line}  ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}`);
    }
  }
}
// Stryker's score: detected (killed + timeout) over valid mutants (all but compile errors and ignored ones).
const detected = counts.Killed + counts.Timeout;
const valid = detected + counts.Survived + counts.NoCoverage + counts.RuntimeError;
const score = valid === 0 ? 100 : (100 * detected) / valid;
console.log(`| ${floor} | ${valid} | ${counts.Killed} | ${counts.Survived} | ${counts.NoCoverage} | ${counts.Timeout} | ${score.toFixed(1)} % |`);
for (const line of open.sort()) console.log(line);
