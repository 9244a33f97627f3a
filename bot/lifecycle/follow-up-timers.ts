import type { DialogState } from '../../dialogs/state.js';
import type { CaseWrite, TimerWrite } from '../records.js';

export interface ReminderDelays {
  /** After this long without a parcel, the customer is reminded how to send it. */
  parcelMs: number;
  /** After this long without the photos asked for, the customer is reminded. */
  photosMs: number;
}

/** The reminders a change sets: a case now waiting for its parcel, a form now waiting for photos. */
export function followUpTimers(input: {
  cases: CaseWrite[];
  before?: DialogState;
  after?: DialogState;
  conversationId: string;
  now: Date;
  delays: ReminderDelays;
}): TimerWrite[] {
  const { now, delays } = input;
  const timers: TimerWrite[] = input.cases
    .flatMap(write => (write.kind === 'transition' && write.to === 'awaiting_parcel' ? [write.caseId] : []))
    .map(caseId => ({ kind: 'parcel_reminder', subject: caseId, dueAt: new Date(now.getTime() + delays.parcelMs).toISOString() }));
  if (asksPhotos(input.after) && !asksPhotos(input.before)) {
    timers.push({ kind: 'photos_reminder', subject: input.conversationId, dueAt: new Date(now.getTime() + delays.photosMs).toISOString() });
  }
  return timers;
}

export function asksPhotos(state: DialogState | undefined): boolean {
  return state?.step.kind === 'collecting' && state.step.asking === 'photos';
}
