/**
 * A set of 64-bit hashes, given as two 32-bit halves: linear probing over arrays of (hi, lo) pairs,
 * 8 bytes a slot, with (0, 0) marking an empty slot (a hash that is (0, 0) is stored as (0, 1)).
 * Where a Set<string> of ids costs over 100 bytes an id, this costs 8–16. Cue ids (unique across
 * the presentation) and the YouTube readers' first pass use it.
 *
 * Whole hashes are compared, so whether two ids count as one depends on their hashes alone
 * (p ≈ 3·10⁻⁸ at a million), never on how the tables were sized: the same input gives the same
 * answers on any machine. (Keeping only one half, 4 bytes a slot, made that depend on which
 * entries lay on a probe path, hence on table sizes, hence on a timing-dependent estimate.)
 *
 * The set does not double by copying: when a table is three-quarters full, adds go to a new,
 * bigger one and a lookup checks each. Doubling by copying had the old and the new table alive at
 * once, 24 MB at a million hashes. Every extra table is a cache miss per lookup, though (five
 * tables from the smallest size to a million: 0.2 s against 0.06 s for one), so the first table is
 * sized for the count expected when that is known, and when only an estimate will be (a reader's,
 * from bytes per message) it is asked for when a table fills and sizes the next for the rest; a
 * table that much bigger than the others takes in their entries (addTable): one table, 11.2 MB,
 * at a million.
 */
const MIN_SLOTS = 1 << 16;
const MAX_LOAD = 0.75;
/** Room for this much more than the estimate: a reader's is a little low at first. */
const ESTIMATE_SLACK = 1.1;
/** A table sized from an estimate is at most this many times the one before: an estimate is only a guess. */
const MAX_STEP = 64;
/** A new table this many times all the others together takes in their entries (see addTable). */
const ABSORB_RATIO = 8;

export class HashSet64 {
  /** Oldest first; (hi, lo) pairs. */
  private readonly tables: Int32Array[] = [];
  /** Adds the newest table takes before the next one is made. */
  private room = 0;
  private count = 0;

  /** `expected`: how many adds will come, when known; `estimate`: how many in all, asked for when a table fills. */
  constructor(
    expected = 0,
    private readonly estimate?: () => number,
  ) {
    this.addTable(Math.max(MIN_SLOTS, Math.ceil((Number.isFinite(expected) ? expected : 0) / MAX_LOAD)));
  }

  get size(): number {
    return this.count;
  }

  /** How many tables a lookup checks: one while the count expected up front is not exceeded. */
  get tableCount(): number {
    return this.tables.length;
  }

  /** Adds the hash; false when it was there already. */
  add(hi: number, lo: number): boolean {
    // Halves may come signed (Math.imul) or unsigned (>>> 0): stored as Int32, compared as Int32.
    const h = hi | 0;
    const l = h === 0 && (lo | 0) === 0 ? 1 : lo | 0;
    const tables = this.tables;
    const last = tables.length - 1;
    for (let t = 0; t < last; t++) {
      const table = tables[t]!;
      const slot = slotOf(table, h, l);
      if (table[slot] !== 0 || table[slot + 1] !== 0) return false;
    }
    let newest = tables[last]!;
    let slot = slotOf(newest, h, l);
    if (newest[slot] !== 0 || newest[slot + 1] !== 0) return false;
    if (this.room === 0) {
      newest = this.addTable(this.nextSlots(newest.length / 2));
      slot = slotOf(newest, h, l);
    }
    newest[slot] = h;
    newest[slot + 1] = l;
    this.room--;
    this.count++;
    return true;
  }

  has(hi: number, lo: number): boolean {
    const h = hi | 0;
    const l = h === 0 && (lo | 0) === 0 ? 1 : lo | 0;
    for (const table of this.tables) {
      const slot = slotOf(table, h, l);
      if (table[slot] !== 0 || table[slot + 1] !== 0) return true;
    }
    return false;
  }

  /**
   * Twice the last table, or room for the rest of the estimate when that is more (at most
   * MAX_STEP times the last): tables still grow geometrically when the estimate is low.
   */
  private nextSlots(lastSlots: number): number {
    const rest = (this.estimate?.() ?? 0) - this.count;
    const forRest = rest > 0 && Number.isFinite(rest) ? Math.ceil((rest * ESTIMATE_SLACK) / MAX_LOAD) : 0;
    return Math.min(MAX_STEP * lastSlots, Math.max(2 * lastSlots, forRest));
  }

  /**
   * Adds a table of `slots`. When it is at least ABSORB_RATIO times all the others together (a
   * table sized from an estimate, after the first), their entries move into it and they go: a
   * lookup then checks one table, and copying them costs little against what it saves (at a
   * million: 49 152 entries moved, one probe of a 512 kB table less per add, ~0.07 s).
   */
  private addTable(slots: number): Int32Array {
    const table = new Int32Array(2 * slots);
    let older = 0;
    for (const t of this.tables) older += t.length >>> 1;
    this.room = Math.floor(slots * MAX_LOAD);
    if (older > 0 && slots >= ABSORB_RATIO * older) {
      for (const t of this.tables) {
        for (let i = 0; i < t.length; i += 2) {
          const h = t[i]!;
          const l = t[i + 1]!;
          if (h === 0 && l === 0) continue;
          const slot = slotOf(table, h, l);
          table[slot] = h;
          table[slot + 1] = l;
          this.room--;
        }
      }
      this.tables.length = 0;
    }
    this.tables.push(table);
    return table;
  }
}

/**
 * Where (h, l) is in `table`, or the empty slot where it would go, as an index into the pairs.
 * The home slot scales a mix of both halves to the table's size: a multiply, so any size works,
 * and the finalizers spread hashes that differ in a few low bits, or whose halves are related
 * (a plain `hi ^ lo` put every hash with hi = lo·φ in one slot).
 */
function slotOf(table: Int32Array, h: number, l: number): number {
  const slots = table.length >>> 1;
  let slot = Math.floor((fmix32(h ^ fmix32(l)) / 4294967296) * slots);
  for (;;) {
    const sh = table[2 * slot]!;
    const sl = table[2 * slot + 1]!;
    if ((sh === h && sl === l) || (sh === 0 && sl === 0)) return 2 * slot;
    if (++slot === slots) slot = 0;
  }
}

/** Murmur3's finalizer: every input bit affects every output bit. Unsigned. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
