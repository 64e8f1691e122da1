import type { Transaction } from 'dexie';
import { Package } from '../../shared/domain/model';
import type { QuarantinedRow } from './database';

/** Upgrade step to schema v2: a row written by an older or buggy build must not break the desk. */
export async function quarantinePackagesThatFailValidation(tx: Transaction): Promise<void> {
  const packages = tx.table('packages');
  const quarantine = tx.table<QuarantinedRow, number>('quarantine');
  const at = new Date().toISOString();
  const rows: unknown[] = await packages.toArray();
  for (const row of rows) {
    const parsed = Package.safeParse(row);
    if (parsed.success) continue;
    const id = typeof row === 'object' && row !== null && 'id' in row ? String(row.id) : undefined;
    await quarantine.add({ table: 'packages', row, reason: parsed.error.issues[0]?.message ?? 'invalid', at });
    if (id !== undefined) await packages.delete(id);
  }
}
