export { FindingSchema, hasErrors, type Finding, type Severity } from './finding.js';
export { RULES, type RuleId } from './rules.js';
export { validateRendition, type ValidateOptions } from './validate-rendition.js';
export type { ProbeOrigin } from './probe-origins.js';
export { formatFindings, type OutputFormat } from './format.js';
