import { expect } from 'chai';
import { resolve } from 'node:path';
import { loadConfig } from '../../bot/config.js';

describe('settings', () => {
  it('runs with embedded defaults when nothing is set', () => {
    const config = loadConfig({}, 'test.env');
    expect(config).to.include({ port: 3978, host: '127.0.0.1', demoData: true, logLevel: 'info', publicUrl: undefined });
    expect(config.dataDir).to.equal(resolve('data/local'));
    expect(config.rulesFile).to.equal(resolve('data/rules.yaml'));
  });

  it('treats blank lines of .env.example as unset', () => {
    expect(loadConfig({ PUBLIC_URL: '', WEB_SESSION_SECRET: '' }, 'test.env').publicUrl).to.equal(undefined);
  });

  it('names every bad setting and what is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty', DEMO_DATA: 'maybe', WEB_SESSION_SECRET: 'short' }, 'test.env'))
      .to.throw(/test\.env.*PORT: .*DEMO_DATA: .*WEB_SESSION_SECRET: must be at least 32 characters/);
  });
});
