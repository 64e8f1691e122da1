import { z } from 'zod';
import { Id, type Package } from '../domain/model';
import { defineMutator } from './define';
import { DIRECTORY_ROLES } from './directory';
import { recordEvent } from './events';
import { reject } from './rejection';
import { unreadCount } from '../messaging/unread';

// Data subject requests (the privacy policy's promises, tracker issue 7). Erasure runs as a
// mutation like every other write: the central service applies it to everything it holds, and
// every desk applies it when it syncs, including a desk that was offline at the time.

/** What erased free text becomes: a neutral mark, the same in every language. */
export const ERASED_TEXT = '—';

export const EraseResidentArgs = z.object({ residentId: Id });
export type EraseResidentArgs = z.input<typeof EraseResidentArgs>;

/**
 * Erases a resident's personal data: their directory row (name, e-mail, phone, preferences,
 * authorized people) becomes a tombstone; on every package addressed to them the name of whoever
 * collected it, the signature and the note are cleared, and on their household's packages that
 * they collected, their name and signature. The packages themselves stay,
 * pointing at an id that names no one, so the building's counts (intake, releases, aging) hold.
 * Refused while packages wait for them: those are handed over or returned first. The erasure is
 * logged with the resident's opaque id only.
 */
export const eraseResident = defineMutator({
  args: EraseResidentArgs,
  roles: DIRECTORY_ROLES,
  async apply(tx, args, context) {
    const resident = await tx.get('residents', args.residentId);
    const packages = await tx.queryByIndex('packages', 'residentId', args.residentId);
    if (!resident && packages.length === 0) reject('residentUnknown');
    const waiting = packages.filter((pkg) => pkg.status === 'waiting').length;
    if (waiting > 0) reject('residentHasWaitingPackages', { count: waiting });
    let scrubbed = 0;
    for (const pkg of packages) {
      const erased = erasedPackage(pkg);
      if (JSON.stringify(erased) === JSON.stringify(pkg)) continue;
      await tx.put('packages', erased);
      scrubbed += 1;
    }
    // Packages of their household that they collected carry their name and signature too.
    const unitId = resident?.unitId ?? packages[0]?.unitId;
    const household = unitId ? await tx.queryByIndex('packages', 'unitId', unitId) : [];
    for (const pkg of household) {
      if (pkg.residentId === args.residentId || pkg.release?.to.kind !== 'resident' || pkg.release.to.residentId !== args.residentId) continue;
      await tx.put('packages', { ...pkg, release: { ...pkg.release, recipientName: ERASED_TEXT, signature: null } });
      scrubbed += 1;
    }
    // Their conversations: their own threads go whole; in their unit's threads, what they wrote.
    let messagesRemoved = 0;
    for (const thread of await tx.queryByIndex('threads', 'residentId', args.residentId)) {
      for (const message of await tx.queryByIndex('messages', 'threadId', thread.id)) {
        await tx.delete('messages', message.id);
        messagesRemoved += 1;
      }
      await tx.delete('threads', thread.id);
    }
    const unitThreads = unitId ? await tx.queryByIndex('threads', 'unitId', unitId) : [];
    for (const thread of unitThreads.filter((candidate) => candidate.residentId !== args.residentId)) {
      const messages = await tx.queryByIndex('messages', 'threadId', thread.id);
      const theirs = messages.filter((message) => message.residentId === args.residentId);
      if (theirs.length === 0) continue;
      for (const message of theirs) await tx.delete('messages', message.id);
      messagesRemoved += theirs.length;
      // Their unread replies are gone: the count must not point at them.
      const left = messages.filter((message) => message.residentId !== args.residentId);
      const unread = unreadCount(thread.readUpTo, left);
      if (unread !== thread.unread) await tx.put('threads', { ...thread, unread });
    }
    if (resident) await tx.delete('residents', resident.id);
    await recordEvent(tx, context, 0, 'resident.erased', { unitId: unitId ?? null, residentId: args.residentId, data: { packages: scrubbed, messages: messagesRemoved } });
  },
});

export function erasedPackage(pkg: Package): Package {
  const release = pkg.release
    ? {
        ...pkg.release,
        recipientName: ERASED_TEXT,
        signature: null,
        to: pkg.release.to.kind === 'proxy' ? { ...pkg.release.to, name: ERASED_TEXT } : pkg.release.to,
      }
    : null;
  return { ...pkg, note: null, release };
}
