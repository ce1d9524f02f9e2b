// The workspace suppression list: findings a team has reviewed and accepted, keyed by their stable
// fingerprint (not by line), per workspace folder.
export interface Suppression {
  id: number;
  workspace: string;
  fingerprint: string;
  ruleId: string;
  filePath: string;
  reason: string;
  createdAt: Date;
}

export interface NewSuppression {
  workspace: string;
  fingerprint: string;
  ruleId: string;
  filePath?: string;
  reason?: string;
}

export interface SuppressionRepository {
  /** every suppression of the workspace, oldest first */
  list(workspace: string): Promise<Suppression[]>;
  /** adds it, or updates the reason when the fingerprint is already suppressed there */
  add(s: NewSuppression): Promise<Suppression>;
  /** true when one was removed */
  remove(workspace: string, fingerprint: string): Promise<boolean>;
}
