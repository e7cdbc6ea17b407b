/** The audit log as CSV for admins (papaparse, every text cell escaped against formula injection). */
import Papa from 'papaparse/papaparse.min.js';
import type { AuditEntry } from '../store/audit';

export function auditCsv(entries: readonly AuditEntry[]): string {
  const data = entries.map((e) => [String(e.id), new Date(e.atMs).toISOString(), e.actor ?? '', e.action, e.subject, JSON.stringify(e.detail)]);
  return `${Papa.unparse({ fields: ['id', 'at', 'actor', 'action', 'subject', 'detail'], data }, { newline: '\r\n', escapeFormulae: /^[=+\-@\t\r]/ })}\r\n`;
}
