import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm run eval:nlu -- FILE` as a user runs it, without npm's banner. */
function evalNlu(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval-nlu.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, lines: run.stdout.trimEnd().split('\n'), stderr: run.stderr };
}

describe('npm run eval:nlu', () => {
  it('scores a labelled file: accuracy per language, per label, orders; the last line is accuracy=0.NNN', () => {
    const { status, lines } = evalNlu('test/understanding/fixtures/tiny.jsonl');
    expect(status).to.equal(0);
    expect(lines.at(-1)).to.match(/^accuracy=[01]\.\d{3}$/);
    expect(lines).to.include.members(['accuracy 1.000 (4/4)', '  en 1.000 (2/2)', '  zh 1.000 (2/2)', 'confusions: none']);
    expect(lines.some(line => /^quality_spoiled\s+1\.000\s+1\.000\s+1$/.test(line))).to.equal(true);
    expect(lines).to.include('order numbers 1.000 (2/2), read where none was written: 0');
  });

  it('names the confusions and can list the lines it got wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-nlu-'));
    try {
      const file = join(dir, 'mislabelled.jsonl');
      writeFileSync(file, '{"text":"转人工","lang":"zh","intent":"other"}\n');
      const { status, lines } = evalNlu(file, '--errors');
      expect(status).to.equal(0);
      expect(lines).to.include.members(['  other → human_agent  1', '  [zh] other → human_agent: 转人工']);
      expect(lines.at(-1)).to.equal('accuracy=0.000');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad line with its number, and a missing file name, with exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-nlu-'));
    try {
      const file = join(dir, 'bad.jsonl');
      writeFileSync(file, '{"text":"hi","lang":"en","intent":"other"}\n{"text":"hi","lang":"fr","intent":"greeting"}\n');
      const bad = evalNlu(file);
      expect(bad.status).to.equal(2);
      expect(bad.stderr).to.match(/bad\.jsonl:2: lang: .*intent: /s);
      expect(evalNlu().status).to.equal(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
