import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultRulesPath } from '../../bot/rules-file.js';
import { parseRules } from '../../policies/rules-schema.js';

/** The shipped rules as the YAML parser hands them over: plain data, not yet checked. */
const shipped: Record<string, unknown> = parse(readFileSync(defaultRulesPath, 'utf8'));

/** The shipped rules with one setting replaced, or removed when `value` is undefined. */
function withSetting(path: string, value: unknown): Record<string, unknown> {
  const raw = structuredClone(shipped);
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = raw;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return raw;
}

function problemsOf(raw: unknown) {
  const result = parseRules(raw);
  if (result.ok) throw new Error('expected the rules to be refused');
  return result.problems;
}

describe('parseRules()', () => {
  it('accepts the shipped rules unchanged', () => {
    expect(parseRules(shipped)).to.deep.equal({ ok: true, rules: shipped });
  });

  it('accepts a transit damage without compensation', () => {
    const result = parseRules(withSetting('transitDamage.compensation', null));
    expect(result.ok).to.equal(true);
  });

  const cases: [string, string, unknown, { field: string; message: string }][] = [
    ['days of 0', 'window.days', 0, { field: 'window.days', message: 'must be a positive integer' }],
    ['fractional days', 'window.days', 7.5, { field: 'window.days', message: 'must be a positive integer' }],
    ['days written as text', 'window.days', '7', { field: 'window.days', message: 'must be a positive integer' }],
    ['a missing setting', 'window.days', undefined, { field: 'window.days', message: 'is required' }],
    ['a missing section', 'timeline', undefined, { field: 'timeline', message: 'is required' }],
    ['a section that is not a mapping', 'window', 7, { field: 'window', message: 'must be a mapping' }],
    ['a future version', 'version', 2, { field: 'version', message: 'must be 1, the rules format this returnbot understands' }],
    [
      'an unknown time zone',
      'timezone',
      'Asia/Beijing',
      { field: 'timezone', message: 'must be an IANA time zone such as Asia/Shanghai (got "Asia/Beijing")' },
    ],
    ['an offset instead of a zone', 'timezone', '+08:00', { field: 'timezone', message: 'must be an IANA time zone such as Asia/Shanghai (got "+08:00")' }],
    [
      'an unknown reason',
      'photos.requiredFor',
      ['quality', 'broken'],
      {
        field: 'photos.requiredFor[1]',
        message: 'must be one of quality, transit_damage, damage_unclear, wrong_item, missing_item, not_as_described, changed_mind (got "broken")',
      },
    ],
    ['a reason listed twice', 'photos.requiredFor', ['quality', 'quality'], { field: 'photos.requiredFor', message: 'must not list the same value twice' }],
    ['photos min above max', 'photos.min', 6, { field: 'photos.max', message: 'must be at least min' }],
    ['no outcome at all', 'quality.outcomes', [], { field: 'quality.outcomes', message: 'must list at least one' }],
    ['an unknown outcome', 'wrongItem.outcomes', ['resend'], { field: 'wrongItem.outcomes[0]', message: 'must be one of refund, exchange, reship (got "resend")' }],
    ['yes/no written as text', 'quality.returnFood', 'no', { field: 'quality.returnFood', message: 'must be true or false' }],
    [
      'an unknown compensation kind',
      'transitDamage.compensation',
      { kind: 'cash', amount: 1000 },
      { field: 'transitDamage.compensation.kind', message: 'must be one of coupon, points (got "cash")' },
    ],
    ['an unknown category', 'changedMind.excludedCategories', ['drinks'], { field: 'changedMind.excludedCategories[0]', message: 'must be one of food, goods (got "drinks")' }],
    ['a fee above 100%', 'changedMind.handlingFee.percent', 120, { field: 'changedMind.handlingFee.percent', message: 'must be a percentage from 0 to 100' }],
    ['a fee minimum above its maximum', 'changedMind.handlingFee.minCents', 6000, { field: 'changedMind.handlingFee.maxCents', message: 'must be at least minCents' }],
    ['negative cents', 'autoRefundLimitCents.wholesale', -1, { field: 'autoRefundLimitCents.wholesale', message: 'must be a whole number of cents, 0 or more' }],
    [
      'a member limit below the regular one',
      'autoRefundLimitCents.member',
      10000,
      { field: 'autoRefundLimitCents.member', message: 'must be at least the regular limit (members get a higher one)' },
    ],
    ['an unknown tier', 'dedicatedAgentTiers', ['vip'], { field: 'dedicatedAgentTiers[0]', message: 'must be one of regular, member, wholesale (got "vip")' }],
    ['arrival min above max', 'timeline.refundArrivalWorkingDays.min', 4, { field: 'timeline.refundArrivalWorkingDays.max', message: 'must be at least min' }],
    ['a misspelt setting', 'window.dayz', 7, { field: 'window.dayz', message: 'is not a known setting' }],
  ];
  for (const [what, path, value, problem] of cases) {
    it(`refuses ${what}, naming ${problem.field}`, () => {
      expect(problemsOf(withSetting(path, value))).to.deep.equal([problem]);
    });
  }

  it('refuses a file that is not a mapping, naming no field', () => {
    for (const raw of [null, ['version', 1], 'rules']) {
      expect(problemsOf(raw)).to.deep.equal([{ field: '', message: 'must be a mapping of settings' }]);
    }
  });

  it('reports every problem at once', () => {
    const raw = withSetting('window.days', -3);
    (raw['photos'] as Record<string, unknown>)['maxBytes'] = 'ten megabytes';
    raw['colour'] = 'blue';
    expect(problemsOf(raw)).to.deep.equal([
      { field: 'window.days', message: 'must be a positive integer' },
      { field: 'photos.maxBytes', message: 'must be a positive integer' },
      { field: 'colour', message: 'is not a known setting' },
    ]);
  });
});
