// Runs INSIDE an enrolled desk page (bundled by esbuild, added with addScriptTag): commits
// receivePackage mutations through the app's own committer (renderer/db/commit.ts: optimistic
// effect + event + outbox entry in one strict IndexedDB transaction), exactly what the receive
// screen's save does, without typing. It opens its own Dexie handle on the app's database; Dexie
// tells the app's handle about the writes (BroadcastChannel), so the app's sync client sees the
// new outbox entries as it sees commits from any other window.

import { commitMutations, type DeskSession } from '../../renderer/db/commit';
import { DeskDatabase } from '../../renderer/db/database';
import type { ReceivePackageArgs } from '../../shared/mutations/packages';

export interface CommitTiming {
  packageId: string;
  /** Epoch ms (performance.timeOrigin + now) before the commit started and after it resolved. */
  start: number;
  end: number;
}

export interface SyncCommitApi {
  /** One commit (one transaction) per package, in order. Throws on the first failure. */
  receive(session: DeskSession, packages: readonly ReceivePackageArgs[]): Promise<CommitTiming[]>;
  outboxCount(): Promise<number>;
  /** Outbox entries by mutation name. */
  outboxByName(): Promise<Record<string, number>>;
}

declare global {
  interface Window {
    __syncCommit?: SyncCommitApi;
  }
}

const db = new DeskDatabase();
const now = (): number => performance.timeOrigin + performance.now();

window.__syncCommit = {
  async receive(session, packages) {
    const timings: CommitTiming[] = [];
    for (const args of packages) {
      const start = now();
      await commitMutations(db, session, [{ name: 'receivePackage', args }]);
      timings.push({ packageId: args.packageId, start, end: now() });
    }
    return timings;
  },
  outboxCount: () => db.outbox.count(),
  async outboxByName() {
    const counts: Record<string, number> = {};
    await db.outbox.each((entry) => {
      counts[entry.name] = (counts[entry.name] ?? 0) + 1;
    });
    return counts;
  },
};
