// Fails CI when a suite it relies on was skipped or did not run: X11 tests must really run here.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const required = [
  /x11-sources\.test\.ts$/,
  /track-x11\.test\.ts$/,
  /track-aw-x11\.test\.ts$/,
  /crash\.test\.ts$/,
  /call-detection-x11\.test\.ts$/,
  /browser-smoke\.test\.ts$/,
  /views\.e2e\.test\.ts$/,
  /electron\/main\/security\.test\.ts$/,
  /concurrent-writes\.test\.ts$/,
  /cli-track-changes\.test\.ts$/,
  /utility-entry\.test\.ts$/,
  /worked-time\.property\.test\.ts$/,
  /api-fuzz\.test\.ts$/,
  /bounds-fuzz\.test\.ts$/,
  /track-sigterm\.test\.ts$/,
  /offthread-load\.test\.ts$/,
  /cli-storage\.test\.ts$/,
  /local-server-sign-in\.test\.ts$/,
  // ActivityWatch interoperability: the import, the compatible API, the heartbeat rule and the CLI round trip.
  /activitywatch\/aw-import\.test\.ts$/,
  /activitywatch\/aw-server\.test\.ts$/,
  /activitywatch\/aw-heartbeat\.test\.ts$/,
  /cli\/activitywatch-cli\.test\.ts$/,
  // The team server: each of these runs against SQLite and the real PostgreSQL.
  /server\/http\/sync\.test\.ts$/,
  /server\/http\/role-matrix\.test\.ts$/,
  /server\/http\/fuzz\.test\.ts$/,
  /server\/two-processes\.test\.ts$/,
  // Approvals and payroll (issue 14).
  /server\/payroll\/payroll\.test\.ts$/,
  /server\/payroll\/week-agreement\.property\.test\.ts$/,
  /server\/payroll\/cli-payroll\.test\.ts$/,
  /shared\/payroll\/formats\.test\.ts$/,
  // The manager's and admin's web app in Chromium against a real stint-server (SQLite and PostgreSQL).
  /team\.e2e\.test\.ts$/,
  // The Approvals and Audit log pages in Chromium: reject with a comment, resubmit, approve, the audit log and its CSV.
  /team-approvals\.e2e\.test\.ts$/,
  /server\/http\/approvals-page\.test\.ts$/,
  /team-payroll\.e2e\.test\.ts$/,
  /server\/payroll\/two-devices\.test\.ts$/,
  /server\/payroll\/payroll-preview\.test\.ts$/,
  /team-reports\.e2e\.test\.ts$/,
  /shared\/team\/team-report\.test\.ts$/,
  /server\/team-live\.test\.ts$/,
  // Team now for a whole team in fixed queries, the team report and its CSV, the activity rollup (issue 15).
  /server\/reports\/team-now\.test\.ts$/,
  /server\/reports\/team-report\.test\.ts$/,
  /server\/http\/team-report-routes\.test\.ts$/,
  /server\/store\/activity-rollup\.test\.ts$/,
  // A rep's views for their manager: the device's and the server's figures equal (SQLite, PostgreSQL), read-only in Chromium.
  /test-support\/sync\/rep-views\.test\.ts$/,
  /team-rep-views\.e2e\.test\.ts$/,
  // Team data imports and the sales report (issue 15).
  /server\/http\/import-routes\.test\.ts$/,
  /team-imports\.e2e\.test\.ts$/,
  // Device sync for real: stint-server and stint track through a chaos proxy, 50 server restarts, two devices.
  /test-support\/sync\/device-sync\.e2e\.test\.ts$/,
  /test-support\/sync\/pusher\.test\.ts$/,
  /test-support\/sync\/settings-enroll\.e2e\.test\.ts$/,
  // The server counts calls as the device does (SQLite and PostgreSQL); the token kept in a 0600 file or sealed by the desktop app.
  /test-support\/sync\/call-figures\.test\.ts$/,
  /electron\/recorder\/sync\/token-vault\.test\.ts$/,
  /electron\/main\/token-cipher\.test\.ts$/,
  // Approvals from the device: submit, rejection comment, locked weeks; the whole flow in Chromium.
  /test-support\/sync\/approvals\.test\.ts$/,
  /test-support\/sync\/two-devices-submit\.test\.ts$/,
  /test-support\/sync\/approval-flow\.e2e\.test\.ts$/,
  // Recording and privacy (issue 16): clocked out is not recorded, the idle policy, Today's states in Chromium.
  /recorder-privacy\.test\.ts$/,
  /cli\/idle-cli\.test\.ts$/,
  /today-states\.e2e\.test\.ts$/,
  // Calls and sales (issue 16): detected calls to review, the rep's own calls once, sales per currency, in Chromium too.
  /own-calls\.test\.ts$/,
  /own-sales\.test\.ts$/,
  /own-calls-cli\.test\.ts$/,
  /same-call\.test\.ts$/,
  /calls-sales\.e2e\.test\.ts$/,
];
// Tests that must have passed by name: the server suites' PostgreSQL halves (a PostgreSQL that is down fails CI).
const requiredTests = [/\(postgres\)/];
const problems = [];

if (report.numPendingTests > 0 || report.numTodoTests > 0) {
  problems.push(`${report.numPendingTests} skipped and ${report.numTodoTests} todo tests`);
}
for (const file of report.testResults) {
  for (const t of file.assertionResults) {
    if (t.status !== 'passed') problems.push(`${t.status}: ${file.name} › ${t.fullName}`);
  }
}
for (const pattern of required) {
  const ran = report.testResults.filter((f) => pattern.test(f.name) && f.assertionResults.some((t) => t.status === 'passed'));
  if (ran.length === 0) problems.push(`no passing test file matches ${pattern}`);
}
for (const pattern of requiredTests) {
  const passed = report.testResults.some((f) => f.assertionResults.some((t) => t.status === 'passed' && pattern.test(t.fullName)));
  if (!passed) problems.push(`no passing test named like ${pattern}`);
}
if (!report.success) problems.push('the test run did not succeed');

if (problems.length > 0) {
  console.error(`Test report check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Test report check: ${report.numPassedTests} passed, ${report.numFailedTests} failed, 0 skipped, in ${report.testResults.length} files`);
