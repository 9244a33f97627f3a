import { z } from 'zod';
import type { Rules } from './types.js';
import { must, settingProblems, timeZoneSetting, type SettingProblem } from './zod-problems.js';

/** The only rules format this code understands; a new shape gets a new number and a migration. */
const RULES_VERSION = 1;

const REASONS = [
  'quality',
  'transit_damage',
  'damage_unclear',
  'wrong_item',
  'missing_item',
  'not_as_described',
  'changed_mind',
] as const;
const OUTCOMES = ['refund', 'exchange', 'reship'] as const;
const TIERS = ['regular', 'member', 'wholesale'] as const;
const CATEGORIES = ['food', 'goods'] as const;

export type RuleProblem = SettingProblem;

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})`,
  });
}

/** A list of known values, each at most once (a repeated value is usually a typo for another). */
function listOf<const T extends readonly [string, ...string[]]>(values: T, atLeast: 0 | 1) {
  return z
    .array(oneOf(values), must('a list'))
    .min(atLeast, 'must list at least one')
    .refine((list) => new Set(list).size === list.length, 'must not list the same value twice');
}

const positiveInt = () => z.int(must('a positive integer')).min(1);
const cents = () => z.int(must('a whole number of cents, 0 or more')).min(0);

const outcomes = () => listOf(OUTCOMES, 1);

const rulesSchema = z.strictObject(
  {
    // `: boolean` keeps the output type `number`: a type-guard refine would narrow it to 1.
    version: z
      .int(must(`${RULES_VERSION}`))
      .refine((v): boolean => v === RULES_VERSION, `must be ${RULES_VERSION}, the rules format this returnbot understands`),
    timezone: timeZoneSetting(),
    window: z.strictObject({ days: positiveInt() }, must('a mapping')),
    photos: z
      .strictObject(
        { requiredFor: listOf(REASONS, 0), min: positiveInt(), max: positiveInt(), maxBytes: positiveInt() },
        must('a mapping'),
      )
      .refine((p) => p.min <= p.max, { message: 'must be at least min', path: ['max'] }),
    quality: z.strictObject({ outcomes: outcomes(), returnFood: z.boolean(must('true or false')) }, must('a mapping')),
    transitDamage: z.strictObject(
      {
        outcomes: outcomes(),
        returnFood: z.boolean(must('true or false')),
        compensation: z
          .strictObject(
            { kind: oneOf(['coupon', 'points']), amount: positiveInt() },
            must('null or a mapping of kind and amount'),
          )
          .nullable(),
      },
      must('a mapping'),
    ),
    wrongItem: z.strictObject({ outcomes: outcomes() }, must('a mapping')),
    missingItem: z.strictObject({ outcomes: outcomes() }, must('a mapping')),
    notAsDescribed: z.strictObject(
      { outcomes: outcomes(), requireCondition: z.boolean(must('true or false')) },
      must('a mapping'),
    ),
    changedMind: z.strictObject(
      {
        outcomes: outcomes(),
        excludedCategories: listOf(CATEGORIES, 0),
        handlingFee: z
          .strictObject(
            {
              percent: z.number(must('a percentage from 0 to 100')).min(0).max(100),
              minCents: cents(),
              maxCents: cents(),
            },
            must('a mapping'),
          )
          .refine((f) => f.minCents <= f.maxCents, { message: 'must be at least minCents', path: ['maxCents'] }),
      },
      must('a mapping'),
    ),
    autoRefundLimitCents: z
      .strictObject({ regular: cents(), member: cents(), wholesale: cents() }, must('a mapping'))
      .refine((l) => l.member >= l.regular, {
        message: 'must be at least the regular limit (members get a higher one)',
        path: ['member'],
      }),
    dedicatedAgentTiers: listOf(TIERS, 0),
    timeline: z.strictObject(
      {
        firstFeedbackHours: positiveInt(),
        reviewHours: positiveInt(),
        refundWorkingDays: positiveInt(),
        refundArrivalWorkingDays: z
          .strictObject({ min: positiveInt(), max: positiveInt() }, must('a mapping'))
          .refine((d) => d.min <= d.max, { message: 'must be at least min', path: ['max'] }),
      },
      must('a mapping'),
    ),
  },
  must('a mapping of settings'),
);

// Fails to compile when the schema and `Rules` drift apart in either direction, so a field or
// enum member added to types.ts cannot be forgotten here. Exported only so that no unused-code
// check ever removes it.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
export type SchemaMatchesRules = AssertTrue<Exact<z.output<typeof rulesSchema>, Rules>>;

/**
 * Validates rules as read from a file. Every problem is reported, not only the first; checks
 * between two settings (min ≤ max) wait until each of them is valid on its own.
 */
export function parseRules(raw: unknown): { ok: true; rules: Rules } | { ok: false; problems: RuleProblem[] } {
  const result = rulesSchema.safeParse(raw);
  if (result.success) return { ok: true, rules: result.data };
  return { ok: false, problems: settingProblems(result.error.issues) };
}


