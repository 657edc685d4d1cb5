// Refresh, paging and retry of the views, the Scopes filter, and Show Log.
import * as vscode from 'vscode';
import { ErrorNode } from '../tree/nodes/errorNode';
import { LoadMoreNode } from '../tree/nodes/loadMoreNode';
import { ServerNode } from '../tree/nodes/serverNode';
import type { CommandContext } from './commandContext';
import { registerCommand } from './registerCommand';

export function registerViewCommands(context: CommandContext): vscode.Disposable[] {
  const { views } = context;
  return [
    registerCommand(context, 'dhcpFailover.refresh', 'Could not refresh', async (node) => {
      if (node instanceof ServerNode) await views.afterChange([node.server.ref]);
      else views.refreshAll();
    }),
    registerCommand(context, 'dhcpFailover.loadMore', 'Could not load more', (node) => {
      if (!(node instanceof LoadMoreNode)) return;
      (views.servers.owns(node) ? views.servers : views.scopes).showMore(node);
    }),
    registerCommand(context, 'dhcpFailover.retry', 'Could not retry', (node) => {
      if (!(node instanceof ErrorNode)) return views.refreshAll();
      (views.servers.owns(node) ? views.servers : views.scopes).retry(node);
    }),
    registerCommand(context, 'dhcpFailover.filterScopes', 'Could not filter the scopes', async () => {
      const text = await context.prompts.input({
        title: 'Filter Scopes',
        prompt: 'Show the scopes whose network, name, server or failover relationship contains this text',
        value: views.scopes.filter,
        placeHolder: 'e.g. 10.1. or London or dhcp-rvk',
      });
      await views.scopes.setFilter(text);
    }),
    registerCommand(context, 'dhcpFailover.clearScopeFilter', 'Could not clear the filter', () => views.scopes.setFilter('')),
    registerCommand(context, 'dhcpFailover.showLog', 'Could not show the log', () => context.log.show()),
  ];
}
