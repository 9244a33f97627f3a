import type { CrisisView } from '../../dialogs/context.js';
import type { CrisisRecord, CrisisStore } from './crisis-store.js';

/**
 * The crises open now, as the engine reads them at every turn: kept in memory (a turn must not
 * query for them), read from the store at start and again whenever the crisis desk opens or
 * closes one.
 */
export class OpenCrises {
  private views: readonly CrisisView[] = [];

  current(): readonly CrisisView[] {
    return this.views;
  }

  async reload(store: Pick<CrisisStore, 'open'>): Promise<void> {
    this.views = (await store.open()).map(viewOf);
  }
}

function viewOf({ id, scope, preset, notice }: CrisisRecord): CrisisView {
  return { id, scope, preset, notice };
}
