import { expect } from 'chai';
import { opsHeaders, signIn, startOpsBot, type OpsBot } from '../support/ops-bot.js';
import { rulesCopy, shippedLine, type RulesCopy } from './rules-support.js';

describe('/ops/api/rules', () => {
  let copy: RulesCopy;
  let ops: OpsBot;
  let operator: string;
  let viewer: string;

  before(async () => {
    copy = rulesCopy();
    ops = await startOpsBot({ env: { RULES_FILE: copy.path } });
    operator = await signIn(ops, 'olivia');
    viewer = await signIn(ops, 'victor');
  });
  after(async () => {
    await ops.close();
    copy.dispose();
  });

  async function call(cookie: string | null, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers = cookie === null ? { 'x-requested-with': 'returnbot-ops' } : opsHeaders(cookie);
    const response = await fetch(`${ops.url}/ops/api/rules${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  it('answers nothing without a session', async () => {
    for (const [method, path] of [['GET', ''], ['POST', '/dry-run'], ['POST', '/apply'], ['GET', '/history']] as const) {
      const response = await call(null, method, path, method === 'POST' ? { text: 'x', days: 30 } : undefined);
      expect(response.status, `${method} ${path}`).to.equal(401);
    }
  });

  it('shows a viewer the file, its version and its rules', async () => {
    const { status, body } = await call(viewer, 'GET', '');
    expect(status).to.equal(200);
    expect(body.text).to.equal(copy.original.toString('utf8'));
    expect(body.version).to.match(/^[0-9a-f]{64}$/);
    expect([body.rules.window.days, body.inForce, body.file]).to.deep.equal([7, true, 'rules.yaml']);
  });

  it('lets a viewer dry-run but not apply (403, nothing written)', async () => {
    const text = copy.edited('days: 7', 'days: 3');
    const dry = await call(viewer, 'POST', '/dry-run', { text, days: 30 });
    expect(dry.status).to.equal(200);
    expect(dry.body.count).to.be.greaterThan(0);
    expect(dry.body.money.refundableDeltaCents).to.be.below(0);

    const { version } = (await call(viewer, 'GET', '')).body;
    const apply = await call(viewer, 'POST', '/apply', { text, expectedVersion: version });
    expect([apply.status, apply.body.error.code]).to.deep.equal([403, 'forbidden']);
    expect(copy.bytes()).to.deep.equal(copy.original);
  });

  it('refuses invalid rules with 422 and each field and reason, and a bad request with 400 or 413', async () => {
    const invalid = await call(viewer, 'POST', '/dry-run', { text: copy.edited('days: 7', 'days: -1'), days: 30 });
    expect(invalid.status).to.equal(422);
    expect(invalid.body.error).to.deep.include({ code: 'rules_invalid', problems: [{ path: 'window.days', message: 'must be a positive integer', line: shippedLine('  days: 7'), column: 3 }] });
    expect(invalid.body.error.message).to.equal(`the proposed rules have a problem (nothing was run): window.days (line ${shippedLine('  days: 7')}): must be a positive integer`);

    const badDays = await call(viewer, 'POST', '/dry-run', { text: 'version: 1', days: 400 });
    expect([badDays.status, badDays.body.error.code]).to.deep.equal([400, 'invalid_body']);
    expect(badDays.body.error.message).to.match(/^days: /);

    const huge = await call(viewer, 'POST', '/dry-run', { text: `# ${'x'.repeat(70 * 1024)}\n`, days: 30 });
    expect([huge.status, huge.body.error.code]).to.deep.equal([413, 'too_large']);
  });

  it('applies for an operator, refuses a stale version with 409, and keeps the previous file', async () => {
    const { version } = (await call(operator, 'GET', '')).body;
    const text = copy.edited('days: 7', 'days: 5');
    const applied = await call(operator, 'POST', '/apply', { text, expectedVersion: version });
    expect(applied.status).to.equal(200);
    expect(applied.body).to.deep.include({ ok: true, previousVersion: version });
    expect(copy.bytes().toString('utf8')).to.equal(text);

    const stale = await call(operator, 'POST', '/apply', { text: copy.edited('days: 7', 'days: 9'), expectedVersion: version });
    expect([stale.status, stale.body.error.code, stale.body.error.currentVersion]).to.deep.equal([409, 'rules_changed', applied.body.version]);
    expect(copy.bytes().toString('utf8')).to.equal(text);

    const shown = (await call(viewer, 'GET', '')).body;
    expect([shown.version, shown.rules.window.days, shown.inForce]).to.deep.equal([applied.body.version, 5, true]);
    const history = (await call(viewer, 'GET', '/history')).body.versions;
    expect(history.map((k: { name: string; version: string }) => [k.name, k.version])).to.deep.equal([[applied.body.kept, version]]);
    const kept = await call(viewer, 'GET', `/history/${applied.body.kept}`);
    expect(kept.body.text).to.equal(copy.original.toString('utf8'));
    expect((await call(viewer, 'GET', '/history/..%2Frules.yaml')).status).to.equal(404);
  });
});
