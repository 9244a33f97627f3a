import type { AuditFilter, AuditLog, AuditRecord } from '../../bot/operations/audit-log.js';

/** Everything the audit trail holds, newest first: the tests' clocks stay well inside this period. */
export function everything(audit: AuditLog, filter: Partial<AuditFilter> = {}): Promise<AuditRecord[]> {
  return audit.list({ from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', limit: 1000, offset: 0, ...filter });
}
