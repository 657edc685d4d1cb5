// A themed icon and colour per failover health, so states read at a glance in every theme.
import * as vscode from 'vscode';
import type { Health } from '../../failover';

const ICONS: Record<Health, [icon: string, color: string]> = {
  ok: ['pass-filled', 'testing.iconPassed'],
  warning: ['warning', 'list.warningForeground'],
  error: ['error', 'list.errorForeground'],
  pending: ['sync~spin', 'charts.blue'],
  empty: ['circle-large-outline', 'disabledForeground'],
  unknown: ['question', 'disabledForeground'],
};

export function healthIcon(health: Health): vscode.ThemeIcon {
  const [icon, color] = ICONS[health];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}
