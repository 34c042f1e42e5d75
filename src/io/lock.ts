import lockfile from 'proper-lockfile';
import { describeFsError, ioError } from '../errors.js';

export interface MasterLock {
  release(): Promise<void>;
  /** Throws when the lock was lost (another process judged it stale): then we must not write the master. */
  assertHeld(): void;
}

/**
 * One writer per master. proper-lockfile makes `<master>.lock` atomically (mkdir) and refreshes its
 * mtime while we run, so a lock left by a killed run is recognised as stale after `staleMs` and taken
 * over. A second run waits up to `waitMs`, then fails with a message naming the lock.
 */
export async function lockMaster(masterPath: string, waitMs: number, staleMs = 10_000): Promise<MasterLock> {
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  const deadline = Date.now() + waitMs;
  // Only a lock held by another run is worth waiting for; a folder where no lock can be made
  // (read-only, missing) fails at once. proper-lockfile's own retries would retry those too.
  for (;;) {
    try {
      release = await lockfile.lock(masterPath, {
        realpath: false,
        stale: staleMs,
        update: Math.floor(staleMs / 4),
        retries: 0,
        onCompromised: (err) => {
          compromised = err;
        },
      });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw ioError(`cannot lock: ${describeFsError(err)}`, masterPath, err);
      }
      if (Date.now() >= deadline) {
        throw ioError(
          `another chat-replay run is writing this master (lock ${masterPath}.lock); waited ${Math.round(waitMs / 1000)} s — try again when it has finished`,
          masterPath,
        );
      }
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(1, deadline - Date.now()))));
    }
  }
  return {
    async release() {
      await release().catch(() => {});
    },
    assertHeld() {
      if (compromised) throw ioError(`lost the lock while packaging (${compromised.message}); the master was not changed`, masterPath);
    },
  };
}
