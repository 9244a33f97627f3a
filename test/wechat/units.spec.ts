import { Readable } from 'node:stream';
import { expect } from 'chai';
import { FileBox } from 'file-box';
import { backoffDelay } from '../../adapters/wechat/backoff.js';
import { LastOptions } from '../../adapters/wechat/last-options.js';
import { readCapped } from '../../adapters/wechat/read-capped.js';

describe('WeChat channel parts', () => {
  describe('backoffDelay', () => {
    const retry = { initialMs: 1000, maxMs: 60_000 };
    it('doubles from the first delay up to the ceiling, half of it random', () => {
      expect([0, 1, 2, 3].map(attempt => backoffDelay(attempt, retry, () => 1))).to.deep.equal([1000, 2000, 4000, 8000]);
      expect(backoffDelay(3, retry, () => 0)).to.equal(4000);
      expect(backoffDelay(50, retry, () => 1)).to.equal(60_000);
    });
  });

  describe('LastOptions', () => {
    const ask = (...labels: string[]) => ({ outboxId: 1, message: { text: '?', quickReplies: labels.map(label => ({ label, value: `v-${label}` })) } });
    it("keeps the latest reply's options per contact, forgets them after replies without any", () => {
      const options = new LastOptions();
      options.remember('a', [ask('1', '2'), { outboxId: 2, message: { text: 'ok' } }, ask('退款', '换货')]);
      expect(options.get('a').map(option => option.label)).to.deep.equal(['退款', '换货']);
      options.remember('a', []); // a duplicate answered with nothing changes nothing
      expect(options.get('a')).to.have.length(2);
      options.remember('a', [{ outboxId: 3, message: { text: '好了' } }]);
      expect(options.get('a')).to.deep.equal([]);
    });
    it('stays bounded', () => {
      const options = new LastOptions(2);
      for (const contact of ['a', 'b', 'c']) options.remember(contact, [ask('1')]);
      expect(options.get('a')).to.deep.equal([]);
      expect(options.get('c')).to.have.length(1);
    });
  });

  describe('readCapped', () => {
    it('reads a small file whole', async () => {
      const bytes = Buffer.from('hello');
      expect(await readCapped(FileBox.fromBuffer(bytes, 'a.txt'), 100, 1000)).to.deep.equal(bytes);
    });
    it('stops one byte past the cap, without reading the rest', async () => {
      let served = 0;
      const endless = new Readable({
        read() {
          served += 1024;
          this.push(Buffer.alloc(1024, 1));
        },
      });
      const data = await readCapped(FileBox.fromStream(endless, 'huge.png'), 4096, 1000);
      expect(data.length).to.equal(4097);
      expect(served).to.be.below(64 * 1024);
    });
    it('gives up on a file that never comes', async () => {
      const stuck = new Readable({ read() {} });
      let failure: unknown;
      await readCapped(FileBox.fromStream(stuck, 'slow.png'), 4096, 50).catch(error => (failure = error));
      expect(String(failure)).to.match(/no bytes of "slow\.png" after 50 ms/);
    });
  });
});
