/** Text split into lines, accepting LF, CRLF and CR (WebVTT §3.1 allows all three; so do players). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
