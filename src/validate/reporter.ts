import type { Finding } from './finding.js';
import { severityOf, type RuleId } from './rules.js';

/** How a check reports: the rule id fixes the severity (see rules.ts). */
export type Report = (rule: RuleId, file: string, message: string, line?: number) => void;

/**
 * Collects findings. A badly cut 10-hour rendition can break one rule in each of 18 000 segments;
 * past `perRuleAndFile` findings of one rule in one file, or `perRule` across files, the rest are only
 * counted and summarised in one finding, so the output stays readable and the process small.
 */
export class FindingCollector {
  readonly findings: Finding[] = [];
  private readonly counts = new Map<string, number>();
  private readonly suppressed = new Map<RuleId, { count: number; file: string }>();

  constructor(private readonly limits = { perRuleAndFile: 20, perRule: 200 }) {}

  readonly report: Report = (rule, file, message, line) => {
    // Only listed findings count towards the caps, so one noisy file cannot hide every other file.
    const fileKey = `${rule}\u0000${file}`;
    if ((this.counts.get(fileKey) ?? 0) >= this.limits.perRuleAndFile || (this.counts.get(rule) ?? 0) >= this.limits.perRule) {
      const s = this.suppressed.get(rule);
      this.suppressed.set(rule, { count: (s?.count ?? 0) + 1, file: s?.file ?? file });
      return;
    }
    this.bump(fileKey);
    this.bump(rule);
    this.findings.push(line === undefined
      ? { severity: severityOf(rule), rule, file, message }
      : { severity: severityOf(rule), rule, file, line, message });
  };

  /** The findings, with one summary per rule whose excess findings were only counted. */
  result(): Finding[] {
    const summaries: Finding[] = [...this.suppressed].map(([rule, s]) => ({
      severity: severityOf(rule),
      rule,
      file: s.file,
      message: `${s.count} more ${rule} finding(s) not listed`,
    }));
    return [...this.findings, ...summaries];
  }

  private bump(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
