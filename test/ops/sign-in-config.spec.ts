import { expect } from 'chai';
import { loadConfig } from '../../bot/config.js';

describe('operations console sign-in settings', () => {
  const load = (env: Record<string, string>) => loadConfig({ ...env }, 'test settings');

  it('default to 12-hour sessions and a 15-minute lock after 5 wrong passwords', () => {
    expect(load({}).opsSignIn).to.deep.equal({ sessionHours: 12, lockout: { attempts: 5, minutes: 15 } });
  });

  it('are read from OPS_SESSION_HOURS, OPS_LOCKOUT_ATTEMPTS and OPS_LOCKOUT_MINUTES', () => {
    expect(load({ OPS_SESSION_HOURS: '8', OPS_LOCKOUT_ATTEMPTS: '3', OPS_LOCKOUT_MINUTES: '30' }).opsSignIn).to.deep.equal({ sessionHours: 8, lockout: { attempts: 3, minutes: 30 } });
  });

  it('refuse values that would open or close the console for good, naming the setting', () => {
    for (const [name, value] of [['OPS_SESSION_HOURS', '0'], ['OPS_SESSION_HOURS', 'forever'], ['OPS_LOCKOUT_ATTEMPTS', '0'], ['OPS_LOCKOUT_ATTEMPTS', '2.5'], ['OPS_LOCKOUT_MINUTES', '-1']] as const) {
      expect(() => load({ [name]: value }), `${name}=${value}`).to.throw(new RegExp(`${name}:`));
    }
  });
});
