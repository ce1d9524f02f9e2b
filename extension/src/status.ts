// The status item shows the daemon's health; clicking it opens the log.
import * as vscode from 'vscode';

export type Health = 'starting' | 'ready' | 'degraded' | 'error' | 'stopped';

const ICON: Record<Health, string> = {
  starting: '$(sync~spin)',
  ready: '$(check)',
  degraded: '$(warning)',
  error: '$(error)',
  stopped: '$(circle-slash)',
};

export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('codetune.status', vscode.StatusBarAlignment.Left, 10);
  health: Health = 'starting';
  message = '';
  private readonly emitter = new vscode.EventEmitter<Health>();
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.item.name = 'CodeTune daemon';
    this.item.command = 'codetune.showLogs';
    this.set('starting', 'Starting the CodeTune daemon…');
    this.item.show();
  }

  set(health: Health, message: string): void {
    this.health = health;
    this.message = message;
    this.item.text = `${ICON[health]} CodeTune`;
    this.item.tooltip = new vscode.MarkdownString(`**CodeTune daemon: ${health}**\n\n${message}\n\nClick to show the logs.`);
    this.item.backgroundColor =
      health === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : health === 'degraded' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `CodeTune daemon ${health}: ${message}` };
    this.emitter.fire(health);
  }

  dispose(): void {
    this.item.dispose();
    this.emitter.dispose();
  }
}
