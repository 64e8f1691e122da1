import type { DeskDatabase } from './database';

export const NEXT_SEQ_KEY = 'nextSeq';

/**
 * The server has processed this desk's sequence numbers up to `lastProcessedSeq`, yet the outbox
 * holds entries at or below it that it may never have seen: the desk's database went back in time
 * (restored from a backup, copied from another machine) and reused numbers. Those entries must
 * not be dropped as "processed". Every entry moves above `lastProcessedSeq`, in the same order,
 * and the counter after them; entries the server did see are recognized by id and acknowledged as
 * duplicates, the others are applied. Returns how many entries moved (0 when none needed to).
 */
export async function renumberOutbox(db: DeskDatabase, lastProcessedSeq: number): Promise<number> {
  return db.transaction('rw', db.outbox, db.meta, async () => {
    const entries = await db.outbox.orderBy('seq').toArray();
    if (!entries.some((entry) => entry.seq <= lastProcessedSeq)) return 0;
    await db.outbox.clear();
    await db.outbox.bulkAdd(entries.map((entry, position) => ({ ...entry, seq: lastProcessedSeq + 1 + position })));
    await db.meta.put({ key: NEXT_SEQ_KEY, value: lastProcessedSeq + 1 + entries.length });
    return entries.length;
  });
}

/** True when the server has processed a number this desk has not handed out yet: it went back in time. */
export async function deskWentBackInTime(db: DeskDatabase, lastProcessedSeq: number): Promise<boolean> {
  const stored = await db.meta.get(NEXT_SEQ_KEY);
  const next = typeof stored?.value === 'number' ? stored.value : 1;
  return lastProcessedSeq >= next;
}
