import type { Transaction } from 'dexie';
import { Package } from '../../shared/domain/model';
import type { MetaEntry, OutboxEntry, QuarantinedRow } from './database';

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

/**
 * Upgrade step to schema v3 (sync). From now on acknowledged outbox entries are deleted, so the
 * next sequence number can no longer be derived from the outbox alone: persist it now, from the
 * highest of the stored counter and the outbox, so a sequence number is never reused.
 */
export async function keepSequenceCounter(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaEntry, string>('meta');
  const outbox = tx.table<OutboxEntry, string>('outbox');
  const stored = await meta.get('nextSeq');
  const last = await outbox.orderBy('seq').last();
  const fromOutbox = (last?.seq ?? 0) + 1;
  const current = typeof stored?.value === 'number' ? stored.value : 1;
  await meta.put({ key: 'nextSeq', value: Math.max(current, fromOutbox) });
}
