import type { Finding } from './finding.js';

export const OUTPUT_FORMATS = ['text', 'json', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The whole report as printed on stdout, ending in a newline. */
export function formatFindings(findings: readonly Finding[], format: OutputFormat): string {
  switch (format) {
    case 'json': return `${JSON.stringify(asJson(findings), null, 2)}\n`;
    case 'github': return [...findings.map(githubLine), summary(findings)].join('\n') + '\n';
    case 'text': return [...findings.map(textLine), summary(findings)].join('\n') + '\n';
  }
}

function asJson(findings: readonly Finding[]) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { ok: errors === 0, errors, warnings: findings.length - errors, findings };
}

/** `file:line: error [rule] message`, the shape editors and terminals make clickable. */
function textLine(f: Finding): string {
  return `${f.file}${f.line === undefined ? '' : `:${f.line}`}: ${f.severity} [${f.rule}] ${f.message}`;
}

/** A GitHub Actions workflow command: an annotation on the file and line in the run and the PR. */
function githubLine(f: Finding): string {
  const props = [`file=${escapeProperty(f.file)}`, ...(f.line === undefined ? [] : [`line=${f.line}`])].join(',');
  return `::${f.severity} ${props}::${escapeData(`[${f.rule}] ${f.message}`)}`;
}

function summary(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return 'chat-replay validate: no problems found';
  return `chat-replay validate: ${errors} error(s), ${warnings} warning(s)`;
}

// Escaping as the Actions runner decodes it (actions/toolkit core/src/command.ts).
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
