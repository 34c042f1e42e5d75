import { setFlagsFromString } from 'node:v8';

/** How far past its live size a heap may grow before the next full GC (V8's own factor is 1.1 to 4). */
export const HEAP_GROWING_PERCENT = 20;

/**
 * A package run allocates fast and keeps little: a 1 M-message run's main thread had 120–135 MB of
 * heap with under 30 MB of it live, because V8 lets a heap grow by up to 4× its live size when
 * the program allocates faster than the GC can keep up. Capping the growth keeps peak RSS near what
 * the run really holds. The flag is read at every full GC and applies to every isolate of the
 * process, the reading threads included (their young generations are capped where they start).
 */
export function keepHeapsNearLiveSize(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
