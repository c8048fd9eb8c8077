/** Plain SQL and its parameters ($1 …), for a repository to hand to another that runs it. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}
