/** Types for check.js, the fuzz oracle (plain JavaScript so scripts/fuzz.js runs without a build step of its own). */
export function checkMasterPatch(before: string, after: string, name: string): string[];
export function checkCueAccounting(
  summary: { messages: { kept: number }; cues: { total: number; droppedPastEnd: number } },
  playlistPath: string,
  layout: 'message' | 'window',
): string[];
export function snapshot(dir: string): Record<string, string>;
export function diffSnapshots(a: Record<string, string>, b: Record<string, string>): string[];
