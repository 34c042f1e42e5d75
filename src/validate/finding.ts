import { z } from 'zod';

/**
 * One problem the validator found. `file` is what a person (or a GitHub annotation) can open: a path
 * relative to the working directory, or the URL when the rendition was read over HTTP.
 */
export const FindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  rule: z.string().min(1),
  file: z.string().min(1),
  line: z.number().int().positive().optional(),
  message: z.string().min(1).refine((m) => !/[\r\n]/.test(m), 'a finding message is one line'),
});
export type Finding = z.infer<typeof FindingSchema>;
export type Severity = Finding['severity'];

export const hasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.severity === 'error');
