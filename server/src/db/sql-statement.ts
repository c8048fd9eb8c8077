/** Plain SQL and its parameters ($1 …), for a repository to hand to another that runs it. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
  /**
   * Set on a statement whose text never changes: where it can, the runner prepares it once per
   * connection under this name and then only binds and executes it (no parse and plan per write).
   */
  name?: string;
}
