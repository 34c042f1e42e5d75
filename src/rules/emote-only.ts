import { z } from 'zod';
import { appliesToKinds } from './support/applies-to-kinds.js';
import { defineRule } from './types.js';

// One emoji: a keycap, or pictographs with their skin tones, ZWJ joins, variation selectors and
// tag sequences (subdivision flags), or a flag. A digit alone is not an emoji, so "1" is text.
const EMOJI =
  '[0-9#*]\\uFE0F?\\u20E3|[\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\u200D\\uFE0E\\uFE0F\\u{E0020}-\\u{E007F}]';
// YouTube member emoji and shortcodes: `:_hangyeolWave:`, `:face-blue-smiling:`.
const SHORTCODE = ':[\\p{L}\\p{N}_+-]+:';
const WHITESPACE = /\s+/u;

export default defineRule({
  name: 'emote-only',
  description: 'Drop messages made only of emoji, :shortcode: emotes and listed emote names (Kappa, LUL).',
  options: z
    .object({
      emotes: z
        .array(z.string().trim().min(1).regex(/^\S+$/, 'an emote name has no spaces'))
        .default([])
        .describe('Emote names that count as emotes when they stand alone as a word (case-sensitive, like Twitch).'),
      shortcodes: z.boolean().default(true).describe('Count :name: shortcodes (YouTube member emoji) as emotes.'),
      emoji: z.boolean().default(true).describe('Count Unicode emoji as emotes.'),
      kinds: appliesToKinds(['chat']),
    })
    .strict(),
  *apply(messages, o, report) {
    const emotes = new Set(o.emotes);
    const pieces = [...(o.shortcodes ? [SHORTCODE] : []), ...(o.emoji ? [EMOJI] : [])];
    // A word made only of emoji and shortcodes (`😂:_wave:😂`); built once per run.
    const emoteWord = pieces.length > 0 ? new RegExp(`^(?:${pieces.join('|')})+$`, 'u') : undefined;
    const isEmoteOnly = (text: string): boolean => {
      let emoteSeen = false;
      // Word by word, stopping at the first real word: most chat is rejected at its first word.
      for (const word of text.split(WHITESPACE)) {
        if (word === '') continue;
        if (!emotes.has(word) && !emoteWord?.test(word)) return false;
        emoteSeen = true;
      }
      return emoteSeen; // an empty or blank text is not an emote; min-length handles those
    };
    for (const m of messages) {
      if (o.kinds.includes(m.kind) && isEmoteOnly(m.text)) report.dropped++;
      else yield m;
    }
  },
});
