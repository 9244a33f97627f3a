import { expect } from 'chai';
import { splitText, toWechatTexts } from '../../adapters/wechat/outbound.js';

describe('WeChat outbound texts', () => {
  it('quick replies become numbered options and a card becomes lines', () => {
    const texts = toWechatTexts({
      text: '请核对以下信息,都正确吗?',
      card: { title: '您的申请', fields: [{ label: '订单', value: '123456' }, { label: '数量', value: '2' }] },
      quickReplies: [{ label: '确认', value: '确认' }, { label: '需要修改', value: '需要修改' }],
    });
    expect(texts).to.deep.equal(['请核对以下信息,都正确吗?\n【您的申请】\n订单: 123456\n数量: 2\n1. 确认\n2. 需要修改']);
  });

  it('a text that fits is one message; an empty one is none', () => {
    expect(splitText('你好', 10)).to.deep.equal(['你好']);
    expect(splitText('   ', 10)).to.deep.equal([]);
  });

  it('splits between lines, filling each message as far as it goes', () => {
    expect(splitText('aaaa\nbbbb\ncccc\ndd', 10)).to.deep.equal(['aaaa\nbbbb', 'cccc\ndd']);
  });

  it('cuts a line longer than a message on code points, never inside an emoji', () => {
    const line = '😀'.repeat(25);
    const pieces = splitText(`开头\n${line}`, 10);
    expect(pieces.every(piece => Array.from(piece).length <= 10)).to.equal(true);
    expect(pieces.join('').replace(/\n/g, '')).to.equal(`开头${line}`);
    expect(pieces.join('')).not.to.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
