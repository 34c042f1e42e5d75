/** The part of a VTTCue the pane reads; hls.js and Safari both hand out VTTCues. */
export interface ChatCueLike {
  id: string;
  startTime: number;
  endTime: number;
  text: string;
}

/** One line of the pane: one message's cue text, with the start time of the cue it came from. */
export interface PaneLine {
  /** Identifies the line across syncs, so the pane can tell appended lines from a new picture. */
  key: string;
  text: string;
  startTime: number;
}

/**
 * The chat lines due at `time` (seconds), oldest first. A `--layout message` cue is one line, one
 * message. A `--layout window` cue repeats the lines of the window before it and adds the newest,
 * so from a multi-line cue only the lines its predecessor did not already end with are new.
 *
 * Sent to the browser as source text (see player-script.ts): it must not refer to anything outside
 * its body.
 */
export function linesDueAt(cues: readonly ChatCueLike[], time: number): PaneLine[] {
  // Messages sent in the same millisecond share a start. A TextTrack lists such cues by end time,
  // latest first (HTML's text track cue order), which would turn a burst upside down. The packager
  // never gives an earlier message a later end (a cue is cut at the start of the one max-visible
  // messages later), so start, then end, ascending, with the stable sort keeping insertion order
  // for full ties, is the order the messages were written in.
  const due = cues
    .filter((cue) => cue.startTime <= time)
    .sort((a, b) => a.startTime - b.startTime || a.endTime - b.endTime);
  const lines: PaneLine[] = [];
  let previous: string[] = [];
  for (const cue of due) {
    const current = cue.text.split('\n').filter((l) => l.trim() !== '');
    // Single-line cues are never windows: two identical "ㅋㅋ" in a row are two messages.
    let overlap = 0;
    if (current.length > 1 || previous.length > 1) {
      for (let k = Math.min(previous.length, current.length); k > 0; k--) {
        if (current.slice(0, k).every((l, i) => l === previous[previous.length - k + i])) {
          overlap = k;
          break;
        }
      }
    }
    current.slice(overlap).forEach((text, i) => {
      lines.push({ key: `${cue.id}\u0000${cue.startTime}\u0000${overlap + i}\u0000${text}`, text, startTime: cue.startTime });
    });
    previous = current;
  }
  return lines;
}
