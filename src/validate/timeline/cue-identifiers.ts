import { StringHash64 } from '../../string-hash-64.js';

/**
 * Every cue identifier of a presentation and what it names, for `cue-id-duplicate` (hls.js drops
 * a later cue that reuses an identifier, §7.4): a 64-bit digest of the cue block it first named,
 * and where that was. A million cues cost 64 MB of heap here with identifiers like ours
 * (`m3600000`), 90 MB with 37-character ones, and 16 MB of rows. Until the ninth session each
 * identifier kept a sha1 in base64 and an object, and an identifier sliced from a segment's text
 * kept that whole text alive: validating a million-cue rendition peaked at 510 MB.
 *
 * The digest compares blocks, not identifiers: two different blocks have one digest with a
 * probability of 2⁻⁶⁴, which would hide a reused identifier, never report a false one.
 */
export class CueIdentifiers {
  /** Identifier → its row in `rows`. */
  private readonly rowOf = new Map<string, number>();
  /** Per row: the digest's two halves, the file's number in `files`, the line. */
  private rows = new Int32Array(4 * 1024);
  private count = 0;
  private readonly files: string[] = [];
  private readonly digest = new StringHash64();

  get size(): number {
    return this.count;
  }

  /**
   * Records that `id` names the block `raw`, seen in `file` at `line`. When `id` already named a
   * different block, says where that one was (the first is kept).
   */
  claim(id: string, raw: string, file: string, line: number): { file: string; line: number } | undefined {
    this.digest.update(raw);
    // As the Int32Array rows hold them: the halves come unsigned.
    const hi = this.digest.hi | 0;
    const lo = this.digest.lo | 0;
    const row = this.rowOf.get(id);
    if (row !== undefined) {
      const at = 4 * row;
      if (this.rows[at] === hi && this.rows[at + 1] === lo) return undefined;
      return { file: this.files[this.rows[at + 2]!]!, line: this.rows[at + 3]! };
    }
    if (this.files.at(-1) !== file) this.files.push(file);
    if (4 * this.count === this.rows.length) {
      const grown = new Int32Array(2 * this.rows.length);
      grown.set(this.rows);
      this.rows = grown;
    }
    const at = 4 * this.count;
    this.rows[at] = hi;
    this.rows[at + 1] = lo;
    this.rows[at + 2] = this.files.length - 1;
    this.rows[at + 3] = line;
    this.rowOf.set(ownCopy(id), this.count++);
    return undefined;
  }
}

/**
 * The identifier as a string of its own. V8 takes a substring of 13 or more characters (from the
 * segment's `split`) as a slice of its parent, which a map key would keep alive, whole. A JSON
 * round trip gives a flat copy of just these characters, lone surrogates included (a million
 * 37-character identifiers: 90 MB of heap, against 165 MB for a slice of a concatenation and
 * 269 MB kept as slices).
 */
function ownCopy(id: string): string {
  return id.length < 13 ? id : (JSON.parse(JSON.stringify(id)) as string);
}
