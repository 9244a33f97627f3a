import type { Rules } from '../policies/types.js';

/**
 * The rules in force. The engine and every timer read `current()` at each use, so rules applied
 * from the console take effect on the next turn without a restart.
 */
export class RulesHolder {
  constructor(private rules: Rules) {}

  current(): Rules {
    return this.rules;
  }

  replace(rules: Rules): void {
    this.rules = rules;
  }
}
