import { resolve } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../bot/config.js';

describe('WeChat settings', () => {
  it('WeChat is off unless WECHAT_PUPPET names a puppet (blank counts as unset)', () => {
    expect(loadConfig({}, 'test.env').wechat).to.equal(undefined);
    expect(loadConfig({ WECHAT_PUPPET: '', WECHAT_PUPPET_TOKEN: '' }, 'test.env').wechat).to.equal(undefined);
  });

  it('passes token, endpoint and extra options to the puppet; the login lives in DATA_DIR', () => {
    const config = loadConfig(
      {
        DATA_DIR: 'var/returnbot',
        WECHAT_PUPPET: 'wechaty-puppet-service',
        WECHAT_PUPPET_TOKEN: 'puppet_padlocal_abc',
        WECHAT_PUPPET_ENDPOINT: '10.0.0.5:8788',
        WECHAT_PUPPET_OPTIONS: '{"tls":{"disable":true}}',
        WECHAT_ROOMS: 'true',
      },
      'test.env',
    );
    expect(config.wechat).to.deep.equal({
      puppet: 'wechaty-puppet-service',
      puppetOptions: { tls: { disable: true }, token: 'puppet_padlocal_abc', endpoint: '10.0.0.5:8788' },
      memoryPath: resolve('var/returnbot/returnbot-wechat'),
      rooms: true,
      acceptFriends: true,
      maxMessageLength: 2000,
    });
  });

  it('friend requests are accepted unless WECHAT_ACCEPT_FRIENDS is off', () => {
    expect(loadConfig({ WECHAT_PUPPET: 'wechaty-puppet-wechat4u', WECHAT_ACCEPT_FRIENDS: 'false' }, 'test.env').wechat?.acceptFriends).to.equal(false);
    expect(() => loadConfig({ WECHAT_PUPPET: 'wechaty-puppet-wechat4u', WECHAT_ACCEPT_FRIENDS: 'maybe' }, 'test.env')).to.throw(/WECHAT_ACCEPT_FRIENDS: /);
  });

  it('names each bad WeChat setting', () => {
    expect(() => loadConfig({ WECHAT_PUPPET: 'rm -rf /', WECHAT_PUPPET_OPTIONS: '[1]', WECHAT_NAME: '../elsewhere', WECHAT_MAX_MESSAGE_LENGTH: '10', WECHAT_ROOMS: 'sometimes' }, 'test.env'))
      .to.throw(/WECHAT_PUPPET: must be a puppet package name.*WECHAT_PUPPET_OPTIONS: must be a JSON object.*WECHAT_NAME: .*WECHAT_ROOMS: .*WECHAT_MAX_MESSAGE_LENGTH: /);
  });

  it('scoped puppet packages are puppet names too', () => {
    expect(loadConfig({ WECHAT_PUPPET: '@juzibot/wechaty-puppet-wxwork' }, 'test.env').wechat?.puppet).to.equal('@juzibot/wechaty-puppet-wxwork');
  });
});
