import { z } from 'zod';
import { defineRule } from './types.js';

export default defineRule({
  name: 'time-window',
  description: 'Keep only messages from fromMs (inclusive) to toMs (exclusive) on the video timeline.',
  options: z
    .object({
      fromMs: z.number().int().optional().describe('First video time kept, in ms; default: the beginning.'),
      toMs: z.number().int().optional().describe('Video time where keeping stops, in ms (exclusive); default: the end.'),
    })
    .strict()
    .refine((o) => o.fromMs === undefined || o.toMs === undefined || o.fromMs < o.toMs, {
      path: ['toMs'],
      message: 'toMs must be greater than fromMs',
    }),
  *apply(messages, o, report) {
    const from = o.fromMs ?? -Infinity;
    const to = o.toMs ?? Infinity;
    for (const m of messages) {
      if (m.timeMs >= from && m.timeMs < to) yield m;
      else report.dropped++;
    }
  },
});
