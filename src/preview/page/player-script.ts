import { parseChatCueText } from './chat-cue.js';
import { createChatPane } from './chat-pane.js';
import { linesDueAt } from './pane-lines.js';
import { startPlayer, type PlayerConfig } from './player-main.js';

/**
 * The page's JavaScript. The browser code is written as ordinary TypeScript functions so the compiler
 * checks it against the DOM types like the rest of the project; each function's own source text
 * (Function.prototype.toString of the compiled function, the same from dist/ and under vitest) is
 * what the browser receives. That is why those functions are self-contained and get everything else
 * as parameters: no bundler, and no non-TS asset that `tsc` would fail to copy into dist/.
 */
export function playerScript(config: PlayerConfig): string {
  return [
    "'use strict';",
    `(${startPlayer.toString()})(window, {`,
    '  Hls: window.Hls,',
    `  parseChatCueText: ${parseChatCueText.toString()},`,
    `  linesDueAt: ${linesDueAt.toString()},`,
    `  createChatPane: ${createChatPane.toString()},`,
    `}, ${JSON.stringify(config)});`,
    '',
  ].join('\n');
}
