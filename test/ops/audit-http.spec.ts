import { expect } from 'chai';
import { opsHeaders, signIn, startOpsBot, type OpsBot } from '../support/ops-bot.js';
import { openMilletOverHttp } from './crisis-support.js';

describe('/ops/api/audit', () => {
  let ops: OpsBot;
  let operator: string;
  let viewer: string;
  let crisisId: string;

  before(async () => {
    ops = await startOpsBot();
    operator = await signIn(ops, 'olivia');
    viewer = await signIn(ops, 'victor');
    const failed = await fetch(`${ops.url}/ops/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'returnbot-ops' },
      body: JSON.stringify({ username: 'Olivia', password: 'not-her-password-123' }),
    });
    expect(failed.status).to.equal(401);
    ops.clock.advanceMinutes(1);
    crisisId = await openMilletOverHttp(ops, operator);
  });
  after(async () => ops.close());

  async function audit(query: string, cookie: string | null = viewer): Promise<{ status: number; body: any }> {
    const response = await fetch(`${ops.url}/ops/api/audit${query}`, { headers: cookie === null ? {} : opsHeaders(cookie) });
    return { status: response.status, body: await response.json() };
  }
  const summary = (body: any) => body.entries.map((entry: any) => `${entry.who} ${entry.what} ${entry.subject}`);

  it('answers nothing without a session', async () => {
    const { status, body } = await audit('', null);
    expect(status).to.equal(401);
    expect(body).not.to.have.property('entries');
  });

  it('lists what was done, newest first, to viewers and operators alike', async () => {
    const { status, body } = await audit('');
    expect(status).to.equal(200);
    expect(summary(body)).to.deep.equal([
      `olivia crisis.opened ${crisisId}`,
      'olivia session.sign_in_failed olivia',
      'victor session.signed_in victor',
      'olivia session.signed_in olivia',
      'test setup account.created victor',
      'test setup account.created olivia',
    ]);
    expect(body.entries[0]).to.deep.include({ at: '2026-11-20T02:01:00.000Z' });
    expect(body.entries[0].details.scope).to.deep.equal({ kind: 'batch', value: 'B-MIL-2611' });
    expect(body.entries[1].details).to.deep.equal({ reason: 'wrong_password', failures: 1 });
    expect(JSON.stringify(body)).not.to.include('not-her-password-123');
    expect(body).to.deep.include({ page: 1, pageSize: 50, hasMore: false });
    expect(body.period).to.deep.include({ zone: 'Asia/Shanghai', lastDay: '2026-11-20' });
    expect((await audit('', operator)).body).to.deep.equal(body);
  });

  it('filters by who, by action and by period', async () => {
    expect(summary((await audit('?who=victor')).body)).to.deep.equal(['victor session.signed_in victor']);
    expect(summary((await audit('?type=crisis.opened')).body)).to.deep.equal([`olivia crisis.opened ${crisisId}`]);
    expect(summary((await audit('?who=olivia&type=session.signed_in')).body)).to.deep.equal(['olivia session.signed_in olivia']);
    // A bare `to` day is included; the crisis was opened at 10:01 Shanghai time.
    expect(summary((await audit('?from=2026-11-20&to=2026-11-20&type=crisis.opened')).body)).to.have.length(1);
    expect(summary((await audit('?from=2026-11-20T10:00:30%2B08:00&to=2026-11-21')).body)).to.deep.equal([`olivia crisis.opened ${crisisId}`]);
    expect((await audit('?from=2026-11-01&to=2026-11-19')).body.entries).to.deep.equal([]);
  });

  it('pages', async () => {
    const first = (await audit('?pageSize=4')).body;
    const second = (await audit('?pageSize=4&page=2')).body;
    expect(first).to.deep.include({ page: 1, hasMore: true });
    expect(second).to.deep.include({ page: 2, hasMore: false });
    expect([...summary(first), ...summary(second)]).to.deep.equal(summary((await audit('')).body));
  });

  it('refuses a bad query, naming the field', async () => {
    for (const [query, field] of [['?type=crisis.deleted', 'type'], ['?from=2026-11-31', 'from'], ['?from=2026-11-20&to=2026-11-01', 'to'], ['?page=0', 'page']]) {
      const { status, body } = await audit(query!);
      expect(status, query).to.equal(400);
      expect(body.error.message, query).to.match(new RegExp(`^${field}: `));
    }
  });
});
