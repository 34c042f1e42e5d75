/**
 * HLS attribute lists (RFC 8216bis §4.2), parsed so they can be edited without disturbing the rest:
 * each attribute keeps its raw value text (quoted or not) and its original order.
 */
export interface Attribute {
  name: string;
  /** Exactly as written: `"chat"` with quotes, `YES`, `1280x720`. */
  raw: string;
}

/** Splits `A=1,B="x,y",C=NO` into attributes, respecting quoted commas (CODECS). */
export function parseAttributeList(text: string): Attribute[] {
  const out: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    const name = text.slice(i, eq).trim();
    let j = eq + 1;
    if (text[j] === '"') {
      const close = text.indexOf('"', j + 1);
      j = close < 0 ? text.length : close + 1;
      // tolerate junk up to the next comma
      const comma = text.indexOf(',', j);
      j = comma < 0 ? text.length : comma;
    } else {
      const comma = text.indexOf(',', j);
      j = comma < 0 ? text.length : comma;
    }
    out.push({ name, raw: text.slice(eq + 1, j).trim() });
    i = j + 1;
  }
  return out;
}

export function serializeAttributeList(attrs: readonly Attribute[]): string {
  return attrs.map((a) => `${a.name}=${a.raw}`).join(',');
}

/** The value without quotes: `"chat"` → `chat`, `YES` → `YES`. */
export function attributeValue(attrs: readonly Attribute[], name: string): string | undefined {
  const attr = attrs.find((a) => a.name === name);
  if (!attr) return undefined;
  return unquote(attr.raw);
}

export function unquote(raw: string): string {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
}

export function quote(value: string): string {
  return `"${value}"`;
}

/** Sets (replacing in place, or appending) an attribute; returns a new list. */
export function setAttribute(attrs: readonly Attribute[], name: string, raw: string): Attribute[] {
  const idx = attrs.findIndex((a) => a.name === name);
  if (idx < 0) return [...attrs, { name, raw }];
  return attrs.map((a, k) => (k === idx ? { name, raw } : a));
}

/** Splits a tag line `#EXT-X-MEDIA:TYPE=...` into its tag name and attribute text. */
export function splitTagLine(line: string): { tag: string; rest: string } {
  const colon = line.indexOf(':');
  return colon < 0 ? { tag: line, rest: '' } : { tag: line.slice(0, colon), rest: line.slice(colon + 1) };
}

// RFC 8216bis §4.2: AttributeName is [A-Z0-9-]; a value is a quoted-string without `"`, CR or LF,
// or an unquoted token (number, hex, enumerated string, resolution) without quotes, commas or spaces.
const ATTRIBUTE = /^[A-Z0-9-]+=(?:"[^"\r\n]*"|[^",\s]+)$/;

/**
 * Why an attribute list is malformed, or undefined when it is well-formed. `spacesAllowed`: spaces
 * around an attribute pass (`BANDWIDTH=1, RESOLUTION=…`, which players accept): package patches
 * such a line correctly, and only validate holds a master to the letter.
 */
export function attributeListSyntaxError(text: string, options: { spacesAllowed?: boolean } = {}): string | undefined {
  let i = 0;
  while (i < text.length) {
    let j = i;
    // An attribute runs to the next comma outside quotes.
    let quoted = false;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) break;
    }
    if (quoted) return `unterminated quoted-string in "${text.slice(i)}"`;
    const attribute = options.spacesAllowed ? text.slice(i, j).trim() : text.slice(i, j);
    if (!ATTRIBUTE.test(attribute)) return `"${attribute}" is not NAME=value or NAME="quoted string"`;
    i = j + 1;
    if (j < text.length && i === text.length) return 'attribute list ends with a comma';
  }
  return undefined;
}
