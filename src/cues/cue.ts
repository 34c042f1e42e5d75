import { z } from 'zod';

/**
 * A WebVTT cue ready to print: times in integer ms on the video timeline (0 = first frame),
 * `payload` already escaped WebVTT cue text (may hold `<c.x>` spans and `\n` between lines, never
 * an empty line or `-->`), `id` unique across the whole presentation.
 */
export const CueSchema = z.object({
  id: z.string().min(1),
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().positive(),
  /** Cue settings (`line:0 position:100% align:end size:35%`), or empty. */
  settings: z.string().default(''),
  payload: z.string(),
});
export type Cue = z.infer<typeof CueSchema>;
