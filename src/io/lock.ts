import lockfile from 'proper-lockfile';
import { ioError } from '../errors.js';

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
  const retries = Math.max(0, Math.ceil(waitMs / 250));
  try {
    release = await lockfile.lock(masterPath, {
      realpath: false,
      stale: staleMs,
      update: Math.floor(staleMs / 4),
      retries: { retries, factor: 1, minTimeout: 250, maxTimeout: 250 },
      onCompromised: (err) => {
        compromised = err;
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw ioError(
        `another chat-replay run is writing this master (lock ${masterPath}.lock); waited ${Math.round(waitMs / 1000)} s — try again when it has finished`,
        masterPath,
      );
    }
    throw ioError(`cannot lock: ${(err as Error).message}`, masterPath, err);
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
