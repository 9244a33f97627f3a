import { expect } from 'chai';
import { TEMPLATES, t } from '../../dialogs/replies/index.js';
import { en, type TemplateKey } from '../../dialogs/replies/en.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map(match => match[1]).sort();

describe('reply templates', () => {
  const keys = Object.keys(en) as TemplateKey[];

  for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) {
    it(`${lang}: every key has a non-empty text with the same placeholders as English`, () => {
      for (const key of keys) {
        const text = TEMPLATES[lang][key];
        expect(text, `${lang} ${key}`).to.be.a('string').that.is.not.empty;
        expect(placeholders(text), `${lang} ${key}`).to.deep.equal(placeholders(en[key]));
      }
    });
  }

  it('zh-Hant has no Simplified-only characters left after conversion', () => {
    const simplifiedOnly = /[这们说对为过还发订单号货质问题请确认处]/;
    for (const key of keys) expect(TEMPLATES['zh-Hant'][key], key).not.to.match(simplifiedOnly);
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(t('en', 'case.created', { caseId: 'RB-1' })).to.equal('Done! Your case number is RB-1.');
    expect(t('en', 'case.created')).to.contain('{caseId}');
  });
});
