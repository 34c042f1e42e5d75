/**
 * Random chat archives in the native format (object, bare array, or JSON Lines): timings with
 * bursts, gaps, boundary hits, pre-roll, past-the-end and huge times, out of order; duplicate ids;
 * hostile text and names. `breakArchive` turns one into a certainly invalid archive.
 */
import { randomName, randomText } from './unicode.js';

const STARTED_AT = Date.UTC(2026, 10, 21, 19, 0, 0);

/** An ISO instant for `ms` after the broadcast start, in a random but valid spelling. */
function isoAt(r, ms) {
  const d = new Date(STARTED_AT + ms);
  const iso = d.toISOString(); // 2026-11-21T19:00:00.000Z
  return r.weighted([
    [6, iso],
    [2, iso.replace(/\.\d{3}Z$/, `.${String(d.getUTCMilliseconds()).padStart(3, '0')}000Z`)],
    [2, new Date(STARTED_AT + ms + 9 * 3_600_000).toISOString().replace('Z', '+09:00')],
  ]);
}

/** Message times: mostly on the video, with the edges the segmenter and cue layout must survive. */
function randomTimes(r, count, video) {
  const boundaries = [];
  let t = 0;
  for (const s of video.segments) {
    boundaries.push(Math.floor(t));
    t += s.ms;
  }
  const times = [];
  let last = 0;
  for (let i = 0; i < count; i++) {
    const time = r.weighted([
      [30, r.int(0, Math.max(0, video.durationMs - 1))],
      [20, last + r.weighted([[3, 0], [3, r.int(0, 50)], [1, r.int(0, 2000)]])], // bursts
      [6, r.pick(boundaries) + r.pick([-1, 0, 0, 1])], // on a segment boundary
      [4, video.durationMs + r.pick([-1, 0, 1, r.int(0, 3_600_000)])], // at or past the end
      [3, r.int(-30_000, -1)], // before the video: pre-roll
      [2, 0],
      [1, r.pick([Number.MAX_SAFE_INTEGER, 2 ** 40, 8_640_000_000_000])], // huge
    ]);
    // A burst right after a huge time must stay an exact integer, as the schema requires.
    times.push(Math.min(time, Number.MAX_SAFE_INTEGER));
    last = times[times.length - 1];
  }
  return times;
}

/**
 * Returns { messages, text, format, needsStart }: `needsStart` when a time is absolute and the
 * archive carries no start (a bare array or JSON Lines), so the caller passes --started-at.
 */
export function generateArchive(r, video) {
  const count = r.weighted([[3, 0], [10, r.int(1, 20)], [10, r.int(21, 300)], [1, r.int(301, 3000)]]);
  const times = randomTimes(r, count, video);
  const dupId = r.chance(0.2);
  const messages = times.map((time, i) => {
    // offsetMs cannot be negative: pre-roll and some others are written as absolute sentAt.
    const absolute = time < 0 || (r.chance(0.15) && time < 10 * 365 * 86_400_000);
    // Repeated ids, and ids that looked like a repeat's disambiguated form (`dup~2`) when cue ids
    // were built from message ids: readers and rules must still take them as they are.
    const m = { id: dupId && r.chance(0.3) ? r.pick(['dup', 'dup', 'dup~2', 'dup~3']) : r.weighted([[9, `m${i}`], [1, `${randomText(r, 2)}#${i}`]]) };
    if (absolute) m.sentAt = isoAt(r, time);
    else m.offsetMs = time;
    m.author = { name: randomName(r) };
    if (r.chance(0.5)) m.author.id = `u${r.int(1, 50)}`;
    if (r.chance(0.3)) m.author.roles = r.pick([[], ['moderator'], ['broadcaster'], ['vip', 'subscriber'], ['weird-badge']]);
    if (r.chance(0.3)) m.author.color = `#${r.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
    m.text = randomText(r);
    if (r.chance(0.15)) m.kind = r.pick(['chat', 'donation', 'subscription', 'system']);
    if (r.chance(0.1)) m.deleted = r.chance(0.5);
    return m;
  });
  const ordered = r.chance(0.3) ? r.shuffle(messages) : messages;
  const format = r.weighted([[6, 'object'], [2, 'array'], [2, 'jsonl']]);
  const hasAbsolute = ordered.some((m) => m.sentAt !== undefined);
  let text;
  if (format === 'object') {
    const doc = { version: 1, broadcast: { id: 'b1', title: randomText(r, 3), startedAt: new Date(STARTED_AT).toISOString() }, messages: ordered };
    if (!hasAbsolute && r.chance(0.5)) delete doc.broadcast;
    text = JSON.stringify(doc, null, r.pick([0, 1, 2]));
  } else if (format === 'array') {
    text = JSON.stringify(ordered, null, r.pick([0, 1]));
  } else {
    text = ordered.map((m) => JSON.stringify(m)).join(r.pick(['\n', '\r\n'])) + r.pick(['\n', '']);
  }
  if (r.chance(0.1)) text = `\ufeff${text}`;
  return { messages: ordered, text, format, needsStart: format !== 'object' && hasAbsolute, startedAt: new Date(STARTED_AT).toISOString() };
}

/** Makes the archive invalid for sure, in one of the ways real archives break. */
export function breakArchive(r, archive) {
  const text = archive.text.replace(/^\ufeff/, '').trimEnd();
  const kinds = ['wrong-type', 'missing-field', 'garbage'];
  // A strict prefix of one JSON document is never valid; of JSON Lines it may be.
  if (archive.format !== 'jsonl') kinds.push('truncate');
  const kind = archive.messages.length === 0 ? r.pick(['garbage', ...(archive.format !== 'jsonl' ? ['truncate'] : [])]) : r.pick(kinds);
  if (kind === 'truncate') return { kind, text: text.slice(0, r.int(1, text.length - 1)) };
  if (kind === 'garbage') return { kind, text: `${text}${r.pick(['}', ']', 'x', ',', '{"a":1}', '\u0000'])}` };
  const messages = archive.messages.map((m) => structuredClone(m));
  const victim = messages[r.int(0, messages.length - 1)];
  if (kind === 'wrong-type') {
    const field = r.pick(['offsetMs', 'text', 'author', 'id', 'deleted']);
    victim[field] = r.pick([null, '12', 3.5, -4, [], {}, true]);
    if (field === 'offsetMs') delete victim.sentAt;
    if (field === 'id' && typeof victim.id === 'string') victim.id = '';
    if (field === 'deleted' && typeof victim.deleted === 'boolean') victim.deleted = 'yes';
    if (field === 'text' && typeof victim.text === 'string') victim.text = 7;
    if (field === 'offsetMs' && Number.isInteger(victim.offsetMs) && victim.offsetMs >= 0) victim.offsetMs = -1;
  } else {
    delete victim[r.pick(['author', 'text', 'id'])];
  }
  const body = archive.format === 'jsonl' ? messages.map((m) => JSON.stringify(m)).join('\n') : JSON.stringify(archive.format === 'array' ? messages : { version: 1, broadcast: { startedAt: archive.startedAt }, messages });
  return { kind, text: body };
}
