import { z } from 'zod';
import { authorMatcher, foldName } from './support/author-match.js';
import { defineRule } from './types.js';

/**
 * Chat bots that post in many channels under their own account: command replies, timers,
 * alerts. Matched by display name or id, case-insensitively.
 */
export const KNOWN_BOTS: readonly string[] = [
  'Nightbot', 'StreamElements', 'Streamlabs', 'Moobot', 'Fossabot', 'Wizebot', 'Botisimo', 'DeepBot',
  'PhantomBot', 'CoeBot', 'AnkhBot', 'Sery_Bot', 'SoundAlerts', 'PretzelRocks', 'KofiStreamBot',
  'StreamStickers', 'Blerp', 'TangiaBot', 'Creatisbot', 'Buttsbot', 'PokemonCommunityGame',
];

export default defineRule({
  name: 'drop-bots',
  description: 'Drop messages from known chat bots (Nightbot, StreamElements, Streamlabs, Moobot, Fossabot, ...).',
  options: z
    .object({
      add: z.array(z.string().trim().min(1)).default([]).describe('More bot names or ids, e.g. the channel\'s own bot.'),
      keep: z
        .array(z.string().trim().min(1))
        .default([])
        .describe('Known bots to keep anyway (their messages are wanted in this replay).'),
      commands: z
        .boolean()
        .default(false)
        .describe('Also drop "!command" messages that viewers send to trigger bots.'),
    })
    .strict(),
  *apply(messages, o, report) {
    const kept = new Set(o.keep.map(foldName));
    const isBot = authorMatcher([...KNOWN_BOTS.filter((b) => !kept.has(foldName(b))), ...o.add]);
    for (const m of messages) {
      if (isBot(m.author) || (o.commands && isCommand(m.text))) report.dropped++;
      else yield m;
    }
  },
});

// `!uptime`, `!so @name`: a bang then a letter; `!!!` and `! wow` are ordinary chat.
const COMMAND = /^\s*![\p{L}\p{N}]/u;
const isCommand = (text: string) => COMMAND.test(text);
