/** Who may use the operations console: viewers read the numbers, operators also change things. */
export type OperatorRole = 'viewer' | 'operator';

export interface SignedInOperator {
  username: string;
  role: OperatorRole;
}
