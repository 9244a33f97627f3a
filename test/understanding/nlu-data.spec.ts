import { expect } from 'chai';
import { INTENTS } from '../../bot/understanding.js';
import { LOCALES, loadCorpus } from '../../dialogs/understanding/nlp/corpus.js';
import { normalize } from '../../dialogs/understanding/script.js';
import { readExamples } from '../../scripts/nlu-eval/dataset.js';

/** Two lines are the same line whatever the script, case, spacing or punctuation. */
const sameLine = (text: string) => normalize(text).replace(/[\s\p{P}\p{S}]/gu, '');

describe('NLU data: the training corpus and the sets that measure it', () => {
  const corpora = LOCALES.map(locale => loadCorpus(locale));
  const corpusLines = new Set(corpora.flatMap(corpus => Object.values(corpus).flat()).map(sameLine));

  for (const file of ['data/nlu/dev.jsonl', 'data/nlu/holdout.jsonl']) {
    it(`${file} shares no line with the training corpus`, () => {
      const shared = readExamples(file).filter(example => corpusLines.has(sameLine(example.text)));
      expect(shared.map(example => example.text)).to.deep.equal([]);
    });
  }

  it('the development set has 300+ lines in both languages, every label in each', () => {
    const dev = readExamples('data/nlu/dev.jsonl');
    expect(dev.length).to.be.at.least(300);
    for (const lang of ['zh', 'en']) {
      const labels = new Set(dev.filter(example => example.lang === lang).map(example => example.intent));
      expect([...labels].sort(), lang).to.deep.equal([...INTENTS].sort());
    }
  });

  it('the corpus has 40+ examples per intent and language, Traditional and mixed zh/en among them', () => {
    // loadCorpus refuses fewer than 40 for any intent; what is left to check is the variety.
    const zh = Object.values(corpora[LOCALES.indexOf('zh')]!).flat();
    expect(zh.filter(text => normalize(text) !== text.toLowerCase()).length, 'Traditional lines').to.be.at.least(40);
    expect(zh.filter(text => /[a-z]{3,}/i.test(text) && /\p{Script=Han}/u.test(text)).length, 'mixed zh/en lines').to.be.at.least(20);
  });
});
