// Which workspace folder a document belongs to (for relative paths, fingerprints and the suppression
// list), and the workspace suppression lists, loaded once per folder and kept in memory.
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { Repositories } from '../../db/repositories/types.js';

export interface DocumentPlace {
  /** workspace folder path ('' when the file is outside every folder) */
  workspace: string;
  /** path relative to the workspace folder (or absolute path outside folders; the URI for non-file URIs) */
  relPath: string;
  /** absolute path on disk, when the URI is a file */
  fsPath?: string;
}

export class WorkspaceState {
  private folders: string[] = [];
  private readonly lists = new Map<string, Promise<Map<string, string>>>();
  private markReady!: () => void;
  /**
   * Resolves once the workspace folders are known (after `initialized`), so a document opened right away
   * does not get fingerprints and suppressions keyed to the wrong place; a client that never answers
   * releases it after a short wait.
   */
  readonly ready: Promise<void> = new Promise((r) => (this.markReady = r));

  constructor(private readonly repos: Repositories) {
    setTimeout(() => this.markReady(), 2000).unref();
  }

  async loadFolders(connection: Connection, supported: boolean): Promise<void> {
    try {
      if (!supported) return;
      const f = await connection.workspace.getWorkspaceFolders();
      this.folders = (f ?? []).filter((x) => x.uri.startsWith('file:')).map((x) => fileURLToPath(x.uri));
      this.folders.sort((a, b) => b.length - a.length);
    } catch {
      this.folders = [];
    } finally {
      this.markReady();
    }
  }

  place(uri: string): DocumentPlace {
    if (!uri.startsWith('file:')) return { workspace: '', relPath: uri };
    const fsPath = fileURLToPath(uri);
    const folder = this.folders.find((f) => fsPath === f || fsPath.startsWith(f.endsWith(sep) ? f : f + sep));
    if (!folder) return { workspace: '', relPath: fsPath, fsPath };
    return { workspace: folder, relPath: relative(folder, fsPath).split(sep).join('/'), fsPath };
  }

  suppressions(workspace: string): Promise<Map<string, string>> {
    let p = this.lists.get(workspace);
    if (!p) {
      p = this.repos.suppressions.list(workspace).then((rows) => new Map(rows.map((r) => [r.fingerprint, r.reason])));
      // a failed read is retried next time instead of caching the failure
      p.catch(() => this.lists.delete(workspace));
      this.lists.set(workspace, p);
    }
    return p;
  }

  async suppress(workspace: string, fingerprint: string, ruleId: string, filePath: string, reason: string): Promise<void> {
    await this.repos.suppressions.add({ workspace, fingerprint, ruleId, filePath, reason });
    (await this.suppressions(workspace)).set(fingerprint, reason);
  }
}
