import type { CrisisView } from '../../dialogs/context.js';

/**
 * The crises open now, as the engine reads them at every turn: kept in memory (a turn must not
 * query for them) and replaced by the crisis desk when it loads, opens or closes one.
 */
export class OpenCrises {
  private views: readonly CrisisView[] = [];

  current(): readonly CrisisView[] {
    return this.views;
  }

  replace(views: readonly CrisisView[]): void {
    this.views = views;
  }
}
