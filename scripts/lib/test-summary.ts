// Prints the plain closing line CI reads ("tests: N passed, N failed") from vitest's JSON report.
import { readFileSync } from 'node:fs';

const reportPath = process.argv[2] ?? '.test-results/vitest.json';
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
};
const skipped = report.numPendingTests > 0 ? `, ${report.numPendingTests} skipped` : '';
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped}`);
