/**
 * A map from strings to values for a per-message lookup of the reading thread (the author
 * interner's last author by id). A `Map` hashes a string key
 * in C++, and a string freshly decoded from the archive has no hash yet; `perf record` of a
 * million-message run put ~7 % of all CPU samples in `Map` lookups there. This table hashes in
 * JavaScript (FNV-1a over the UTF-16 code units), keeps the hashes in a typed array so a probe
 * touches a key string only when its hash matches, and probes linearly at most half full.
 * Entries are never removed.
 */
export class StringTable<V> {
  private hashes = new Int32Array(INITIAL_CAPACITY);
  private keys: Array<string | undefined> = new Array<string | undefined>(INITIAL_CAPACITY).fill(undefined);
  private values: Array<V | undefined> = new Array<V | undefined>(INITIAL_CAPACITY).fill(undefined);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const h = hashOf(key);
    const mask = this.hashes.length - 1;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const stored = this.hashes[p]!;
      if (stored === EMPTY) return undefined;
      if (stored === h && this.keys[p] === key) return this.values[p];
    }
  }

  set(key: string, value: V): void {
    if (2 * (this.count + 1) > this.hashes.length) this.grow();
    this.put(hashOf(key), key, value);
  }

  private put(h: number, key: string, value: V): void {
    const mask = this.hashes.length - 1;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const stored = this.hashes[p]!;
      if (stored === EMPTY) {
        this.hashes[p] = h;
        this.keys[p] = key;
        this.values[p] = value;
        this.count++;
        return;
      }
      if (stored === h && this.keys[p] === key) {
        this.values[p] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { hashes, keys, values } = this;
    const capacity = hashes.length * 2;
    this.hashes = new Int32Array(capacity);
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.count = 0;
    for (let p = 0; p < hashes.length; p++) if (hashes[p] !== EMPTY) this.put(hashes[p]!, keys[p]!, values[p]!);
  }
}

const INITIAL_CAPACITY = 1 << 12;
/** No stored hash is 0: hashOf sets the low bit. */
const EMPTY = 0;

function hashOf(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 1;
}
