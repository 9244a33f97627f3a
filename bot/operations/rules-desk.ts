import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { dryRun, type DecisionSummary, type DryRun } from '../../ops/dry-run.js';
import type { Reason, Rules } from '../../policies/types.js';
import type { Logger } from '../logger.js';
import type { Product } from '../records.js';
import { parseRulesText } from '../rules-file.js';
import type { RulesHolder } from '../rules-holder.js';
import type { TextProblem } from '../settings-file.js';
import type { AuditLog } from './audit-log.js';
import type { OperationsRecords } from './ops-records.js';
import { pastCases } from './past-cases.js';
import { versionOf, type KeptRules, type RulesText, type RulesVersions } from './rules-versions.js';

/** What is wrong with proposed rules: the field (`window.days`, empty for the YAML itself), why, and where in the text. */
export interface RulesProblem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface ShownRules extends RulesText {
  /** The file's name (not its folder: that is the server's business). */
  file: string;
  /** The file's rules, or null with its problems when someone broke it on disk. */
  rules: Rules | null;
  problems: RulesProblem[];
  /** Whether the bot answers with these rules; false after an edit on disk until it is applied. */
  inForce: boolean;
}

export interface ChangedCase {
  caseId: string;
  createdAt: string;
  reason: Reason;
  product: { sku: string; names: Product['names'] };
  before: DecisionSummary;
  after: DecisionSummary;
}

export interface RulesDryRun {
  /** Version the proposed text would have once applied. */
  version: string;
  days: number;
  from: string;
  to: string;
  /** Cases decided again. */
  total: number;
  /** Cases left out because their facts cannot be rebuilt. */
  skipped: number;
  /** Cases left out because a crisis preset decided them, whatever the rules. */
  byCrisis: number;
  /** Decisions that would change; `changed` lists at most MAX_LISTED of them, oldest first. */
  count: number;
  changed: ChangedCase[];
  money: DryRun['money'];
  /** Cases the rules in force decide differently from the decision stored (rules or facts moved since). */
  differsFromStored: number;
}

export type DryRunResult = { ok: true; report: RulesDryRun } | { ok: false; problems: RulesProblem[] };

export type ApplyResult =
  | { ok: true; version: string; previousVersion: string; kept: string | null; appliedAt: string }
  | { ok: false; reason: 'invalid'; problems: RulesProblem[] }
  | { ok: false; reason: 'conflict'; currentVersion: string }
  | { ok: false; reason: 'write_failed'; message: string };

export interface RulesDeskOptions {
  versions: RulesVersions;
  rules: RulesHolder;
  records: OperationsRecords;
  clock: () => Date;
  logger: Logger;
  audit: AuditLog;
}

export const MIN_DAYS = 1;
export const MAX_DAYS = 365;
/** A page lists this many changed cases; the counts and money always cover them all. */
const MAX_LISTED = 500;
const DAY_MS = 86_400_000;

/**
 * The console's rules page: the file as the operator edits it (text, comments kept), a dry run
 * of a proposed text over past cases, and applying it (previous file kept, new one written
 * atomically, the bot's rules replaced at once).
 */
export class RulesDesk {
  constructor(private readonly options: RulesDeskOptions) {}

  show(): ShownRules {
    const current = this.options.versions.read();
    const parsed = parseRulesText(current.text);
    return {
      ...current,
      file: basename(this.options.versions.path),
      rules: parsed.ok ? parsed.value : null,
      problems: parsed.ok ? [] : parsed.problems.map(plainProblem),
      inForce: parsed.ok && isDeepStrictEqual(parsed.value, this.options.rules.current()),
    };
  }

  /** `proposedText` decided over the cases created in the last `days` days, next to the rules in force. */
  async dryRun(proposedText: string, days: number): Promise<DryRunResult> {
    if (!Number.isInteger(days) || days < MIN_DAYS || days > MAX_DAYS) {
      throw new RangeError(`RulesDesk.dryRun(): days must be a whole number from ${MIN_DAYS} to ${MAX_DAYS} (got ${days})`);
    }
    const parsed = parseRulesText(proposedText);
    if (!parsed.ok) return { ok: false, problems: parsed.problems.map(plainProblem) };
    const now = this.options.clock();
    const from = new Date(now.getTime() - days * DAY_MS).toISOString();
    const to = now.toISOString();
    const past = await pastCases(this.options.records, from, to);
    if (past.skipped.length > 0) this.options.logger.warn({ cases: past.skipped.slice(0, 20), skipped: past.skipped.length }, 'rules dry run: cases whose facts cannot be rebuilt are left out');
    const result = dryRun(past.cases, this.options.rules.current(), parsed.value, now);
    const byId = new Map(past.cases.map(c => [c.record.id, c]));
    return {
      ok: true,
      report: {
        version: versionOf(proposedText),
        days, from, to,
        total: result.total,
        skipped: past.skipped.length,
        byCrisis: past.byCrisis.length,
        count: result.count,
        changed: result.changed.slice(0, MAX_LISTED).map(({ caseId, before, after }) => {
          const { record, order } = byId.get(caseId)!;
          const line = order.lines.find(l => l.line === record.line)!;
          return { caseId, createdAt: record.createdAt, reason: record.reason, product: { sku: line.sku, names: line.product.names }, before, after };
        }),
        money: result.money,
        differsFromStored: result.differsFromStored.length,
      },
    };
  }

  /**
   * Saves `proposedText` as the rules file if it is valid and the file is still the version the
   * operator started from. From reading the file's version to replacing the rules nothing
   * awaits, so two applies in this process cannot both pass the check; an edit on disk by
   * another program is caught by the version, short of one landing in that same instant.
   */
  async apply(proposedText: string, expectedVersion: string, by: string): Promise<ApplyResult> {
    const parsed = parseRulesText(proposedText);
    if (!parsed.ok) return { ok: false, reason: 'invalid', problems: parsed.problems.map(plainProblem) };
    const { versions, rules, clock, logger, audit } = this.options;
    const previous = versions.read();
    if (previous.version !== expectedVersion) {
      logger.info({ by, expectedVersion, currentVersion: previous.version }, 'rules not applied: the file changed since it was read');
      return { ok: false, reason: 'conflict', currentVersion: previous.version };
    }
    const version = versionOf(proposedText);
    const at = clock();
    let kept: string | null = null;
    if (version !== previous.version) {
      try {
        kept = versions.keep(at);
        versions.replace(proposedText);
      } catch (error) {
        if (kept !== null) versions.forget(kept);
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        logger.error({ err: error, by, version }, 'rules not applied: the rules file could not be written');
        return { ok: false, reason: 'write_failed', message: `the rules file could not be written (${code}); the file and the rules in force are unchanged` };
      }
    }
    rules.replace(parsed.value);
    logger.info({ by, version, previousVersion: previous.version, kept }, 'rules applied from the operations console');
    // Where the previous file is, beside the rules file: 'rules.history/rules-….yaml'.
    const keptAt = kept && `${basename(versions.historyDir)}/${kept}`;
    await audit.record({ who: by, what: 'rules.applied', subject: version, details: { previousVersion: previous.version, version, kept: keptAt }, at: at.toISOString() });
    return { ok: true, version, previousVersion: previous.version, kept, appliedAt: at.toISOString() };
  }

  history(): KeptRules[] {
    return this.options.versions.history();
  }

  kept(name: string): RulesText | undefined {
    return this.options.versions.kept(name);
  }
}

function plainProblem(problem: TextProblem): RulesProblem {
  const where = problem.line === undefined ? {} : { line: problem.line, column: problem.column };
  return problem.kind === 'syntax'
    ? { path: '', message: `YAML syntax error: ${problem.message}`, ...where }
    : { path: problem.field, message: problem.message, ...where };
}
