import type { CaseWrite } from '../bot/records.js';
import { SKIP } from './understanding/lexicon.js';
import { normalize } from './understanding/script.js';
import type { DialogTurn, Replies } from './context.js';
import type { Step } from './state.js';

const MAX_COMMENT = 1000;

export interface SurveyAnswer {
  step: Step;
  cases: CaseWrite[];
}

/**
 * The satisfaction follow-up after a case closes: a 1–5 score, then an optional comment. Returns
 * null when the message is not an answer, so the customer can start something else instead.
 */
export function answerSurvey(step: Extract<Step, { kind: 'survey' }>, turn: DialogTurn, replies: Replies): SurveyAnswer | null {
  if (step.score === undefined) {
    const score = turn.understanding.score;
    if (score === undefined) return null;
    replies.say('survey.ask_comment', {}, { quickReplies: replies.choices(['quick.skip']) });
    return { step: { ...step, score }, cases: [] };
  }
  const skipped = SKIP.some(pattern => pattern.test(normalize(turn.text).trim()));
  const comment = skipped ? null : turn.text.trim().slice(0, MAX_COMMENT) || null;
  replies.say('survey.thanks');
  return {
    step: { kind: 'idle' },
    cases: [{ kind: 'feedback', caseId: step.caseId, score: step.score, comment, at: turn.now.toISOString() }],
  };
}

/** The question that opens the survey, sent when a case closes. */
export function askSurvey(caseId: string, replies: Replies): Step {
  replies.say('survey.ask', { caseId }, { quickReplies: ['1', '2', '3', '4', '5'].map(score => replies.option(score)) });
  return { kind: 'survey', caseId };
}
