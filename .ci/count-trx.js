// Sums the outcome counters of every TRX file under a folder and prints the closing line CI reads. Results in a
// subfolder per engine (TestResults/dynamodb-local, TestResults/dynalite) are counted per engine first, one line each,
// with every skip reason and how many tests gave it; the last line is the total and ends "N passed, N failed":
//   "DynamoDB Local 480 + dynalite 420 tests, 40 skipped: 860 passed, 0 failed"
// Exits 1 when no TRX file was found or an engine's folder ran no test, so "ran no test" can never pass silently.
'use strict';
const fs = require('fs');
const path = require('path');

const root = process.argv[2] || 'TestResults';
const engineNames = { 'dynamodb-local': 'DynamoDB Local', dynalite: 'dynalite' };

function trxFiles(dir) {
  const found = [];
  (function walk(d) {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.trx')) found.push(full);
    }
  })(dir);
  return found;
}

function count(files) {
  const total = { passed: 0, failed: 0, skipped: 0, reasons: new Map() };
  for (const file of files) {
    const xml = fs.readFileSync(file, 'utf8');
    const counters = /<Counters\b([^>]*)\/?>/.exec(xml);
    if (!counters) continue;
    const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(counters[1]) || [0, 0])[1]);
    total.passed += attr('passed');
    total.failed += attr('failed') + attr('error') + attr('timeout') + attr('aborted');
    // VSTest leaves notExecuted at 0 for xUnit's skips; they are the tests counted but not executed.
    total.skipped += Math.max(attr('notExecuted'), attr('total') - (attr('executed') || attr('total')));
    for (const result of xml.matchAll(/<UnitTestResult\b[^>]*outcome="NotExecuted"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
      const reason = (/<Message>([\s\S]*?)<\/Message>/.exec(result[1]) || /<StdOut>([\s\S]*?)<\/StdOut>/.exec(result[1]) || [0, '(no reason given)'])[1].trim();
      total.reasons.set(reason, (total.reasons.get(reason) || 0) + 1);
    }
  }
  return total;
}

const all = trxFiles(root);
const engines = fs.existsSync(root)
  ? fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && engineNames[e.name]).map((e) => e.name)
  : [];
const groups = engines.length > 0 ? engines.map((e) => [engineNames[e], trxFiles(path.join(root, e))]) : [['', all]];

let passed = 0, failed = 0, skipped = 0, empty = false;
const parts = [];
for (const [name, files] of groups) {
  const c = count(files);
  passed += c.passed; failed += c.failed; skipped += c.skipped;
  empty = empty || c.passed + c.failed === 0;
  if (name) {
    console.log(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    parts.push(`${name} ${c.passed + c.failed + c.skipped}`);
  }
  for (const [reason, n] of c.reasons) console.log(`  skipped ${n} on ${name || 'this run'}: ${reason}`);
}

const prefix = parts.length > 0 ? `${parts.join(' + ')} tests, ${skipped} skipped: ` : (skipped ? `${skipped} skipped: ` : '');
console.log(`${prefix}${passed} passed, ${failed} failed`);
process.exit(all.length === 0 || empty ? 1 : 0);
