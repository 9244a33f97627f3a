import { expect } from 'chai';
import { clip, escapeMrkdwn, isPrivateNote, plainText } from '../../adapters/slack/mrkdwn.js';

describe('Slack text', () => {
  it('escapes what goes into Slack, so a customer cannot mention the channel', () => {
    expect(escapeMrkdwn('<!channel> a & b > c')).to.equal('&lt;!channel&gt; a &amp; b &gt; c');
  });

  it("writes an agent's Slack message out as plain words for the customer", () => {
    expect(plainText('见 <https://shop.example/r|退货说明> 和 <https://shop.example/x>')).to.equal('见 退货说明 (https://shop.example/r) 和 https://shop.example/x');
    expect(plainText('<mailto:help@shop.example|help@shop.example> &lt;3 &amp; thanks')).to.equal('help@shop.example <3 & thanks');
    expect(plainText('<@U0AGENT02> 你看一下 <#C0RETURNS|returns> <!here>')).to.equal('你看一下 #returns @here');
  });

  it('knows a private note by its prefix: //, note: or 备注:', () => {
    for (const note of ['// only us', '  //x', 'note: check courier', 'Note: x', 'NOTE:x', '备注:老客户', '备注：老客户']) expect(isPrivateNote(note), note).to.equal(true);
    for (const reply of ['您好', 'notes are attached', 'https://x.com/a//b', '/ not a note']) expect(isPrivateNote(reply), reply).to.equal(false);
  });

  it('clips on characters, not bytes', () => {
    expect(clip('小米发霉了', 3)).to.equal('小米…');
    expect(clip('a\n b', 10, true)).to.equal('a b');
  });
});
