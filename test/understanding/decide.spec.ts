import { expect } from 'chai';
import type { KeywordEvidence } from '../../dialogs/understanding/keyword-evidence.js';
import { decideIntent } from '../../dialogs/understanding/nlp/decide.js';

const none: KeywordEvidence = { cancel: false, problem: undefined, request: undefined, topic: undefined };

describe('decideIntent: classifier and keyword rules, conventions first', () => {
  it('an explicit cancellation stays cancel_order whatever else is said', () => {
    expect(decideIntent([{ intent: 'changed_mind', score: 1 }], { ...none, cancel: true, problem: 'changed_mind' })).to.equal('cancel_order');
  });

  it('a problem named in words beats the action, however sure the classifier is of the action', () => {
    expect(decideIntent([{ intent: 'exchange_request', score: 1 }], { ...none, problem: 'damaged', topic: 'exchange_request' })).to.equal('damaged');
    expect(decideIntent([{ intent: 'human_agent', score: 0.9 }], { ...none, problem: 'spoiled', request: 'human_agent' })).to.equal('spoiled');
  });

  it('a problem the classifier is sure of beats an action known only by its topic word', () => {
    expect(decideIntent([{ intent: 'damaged', score: 0.6 }, { intent: 'return_request', score: 0.4 }], { ...none, topic: 'return_request' })).to.equal('damaged');
  });

  it('but not an action asked for in so many words ("可以退吗" about a used kettle)', () => {
    expect(decideIntent([{ intent: 'defective', score: 0.7 }, { intent: 'policy_question', score: 0.3 }], { ...none, request: 'policy_question', topic: 'return_request' })).to.equal('policy_question');
  });

  it('a progress question keeps its own weight against a problem word', () => {
    expect(decideIntent([{ intent: 'status_query', score: 0.9 }], { ...none, problem: 'missing_item', request: 'status_query' })).to.equal('status_query');
  });

  it('keyword evidence outweighs a confident classifier, and wins ties', () => {
    expect(decideIntent([{ intent: 'changed_mind', score: 1 }], { ...none, problem: 'not_as_described' })).to.equal('not_as_described');
  });

  it('too little evidence is other', () => {
    expect(decideIntent([], none)).to.equal('other');
    expect(decideIntent([{ intent: 'wrong_item', score: 0.3 }, { intent: 'missing_item', score: 0.3 }], none)).to.equal('other');
  });
});
