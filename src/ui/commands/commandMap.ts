// Every command of the extension, with the argument its handler takes. Registrations, tree items, the status bar
// and the extension's own executeCommand calls name commands through this map, so a misspelt id or a node of the
// wrong kind does not compile. Type-only imports: the unit tests load this file in plain Node.
import type * as vscode from 'vscode';
import type { CreateScopePanel } from '../panels/createScopePanel';
import type { RelationshipWizardPanel } from '../panels/relationshipWizardPanel';
// These two nodes build their click command with commandInvocation below: the one type-only import cycle that
// test/unit/import-cycles.test.ts allows, so a click passing a node of the wrong kind does not compile.
import type { ErrorNode } from '../tree/nodes/errorNode';
import type { LoadMoreNode } from '../tree/nodes/loadMoreNode';
import type { RelationshipNode } from '../tree/nodes/relationshipNode';
import type { ScopeNode } from '../tree/nodes/scopeNode';
import type { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import type { ServerNode } from '../tree/nodes/serverNode';

/**
 * The node is what package.json's `view/item/context` menus (or a tree item's click) pass; the palette and the
 * view title pass nothing, so every node is optional and each handler still narrows it with `instanceof`.
 * The wizard commands return their panel (the tests drive it); the commands that only show something are synchronous.
 */
export interface DhcpFailoverCommands {
  'dhcpFailover.connectToMicetro': () => Promise<void>;
  'dhcpFailover.useBuiltInSimulator': () => Promise<void>;
  'dhcpFailover.disconnect': () => Promise<void>;
  'dhcpFailover.selectConnection': () => Promise<void>;
  'dhcpFailover.refresh': (node?: ServerNode) => Promise<void>;
  'dhcpFailover.addRelationship': (node?: ServerNode) => Promise<RelationshipWizardPanel>;
  'dhcpFailover.editRelationship': (node?: RelationshipNode) => Promise<RelationshipWizardPanel>;
  'dhcpFailover.removeRelationship': (node?: RelationshipNode) => Promise<void>;
  'dhcpFailover.addScopesToRelationship': (node?: RelationshipNode | ScopeRowNode) => Promise<void>;
  'dhcpFailover.removeScopeFromFailover': (node?: ScopeNode | ScopeRowNode) => Promise<void>;
  'dhcpFailover.removeScopeInstance': (node?: ScopeNode | ScopeRowNode) => Promise<void>;
  'dhcpFailover.createScope': (node?: ServerNode | RelationshipNode) => Promise<CreateScopePanel>;
  'dhcpFailover.replicateScope': (node?: ScopeNode | ScopeRowNode) => Promise<void>;
  'dhcpFailover.compareWithPartner': (node?: ScopeNode | ScopeRowNode) => Promise<void>;
  'dhcpFailover.checkDrift': (node?: RelationshipNode | ServerNode) => Promise<void>;
  'dhcpFailover.checkAllForDrift': () => Promise<void>;
  'dhcpFailover.changeScopeCopy': (node?: ScopeNode) => Promise<void>;
  'dhcpFailover.replicateRelationship': (node?: RelationshipNode) => Promise<void>;
  'dhcpFailover.replicateServer': (node?: ServerNode) => Promise<void>;
  'dhcpFailover.stopServer': (node?: ServerNode) => Promise<void>;
  'dhcpFailover.startServer': (node?: ServerNode) => Promise<void>;
  'dhcpFailover.cutLink': (node?: RelationshipNode) => Promise<void>;
  'dhcpFailover.restoreLink': (node?: RelationshipNode) => Promise<void>;
  'dhcpFailover.setPartnerDown': (node?: RelationshipNode) => Promise<void>;
  'dhcpFailover.filterScopes': () => Promise<void>;
  'dhcpFailover.clearScopeFilter': () => Promise<void>;
  'dhcpFailover.showLog': () => void;
  'dhcpFailover.loadMore': (node?: LoadMoreNode) => void;
  'dhcpFailover.retry': (node?: ErrorNode) => void;
}

export type CommandId = keyof DhcpFailoverCommands;

/** The commands that can run without an argument, e.g. from a notification's button. */
export type CommandWithoutArgument = { [K in CommandId]: [] extends Parameters<DhcpFailoverCommands[K]> ? K : never }[CommandId];

/** A `Record`, so that an id missing here or one the map does not know fails to compile. */
const EVERY_COMMAND: Record<CommandId, true> = {
  'dhcpFailover.connectToMicetro': true,
  'dhcpFailover.useBuiltInSimulator': true,
  'dhcpFailover.disconnect': true,
  'dhcpFailover.selectConnection': true,
  'dhcpFailover.refresh': true,
  'dhcpFailover.addRelationship': true,
  'dhcpFailover.editRelationship': true,
  'dhcpFailover.removeRelationship': true,
  'dhcpFailover.addScopesToRelationship': true,
  'dhcpFailover.removeScopeFromFailover': true,
  'dhcpFailover.removeScopeInstance': true,
  'dhcpFailover.createScope': true,
  'dhcpFailover.replicateScope': true,
  'dhcpFailover.compareWithPartner': true,
  'dhcpFailover.checkDrift': true,
  'dhcpFailover.checkAllForDrift': true,
  'dhcpFailover.changeScopeCopy': true,
  'dhcpFailover.replicateRelationship': true,
  'dhcpFailover.replicateServer': true,
  'dhcpFailover.stopServer': true,
  'dhcpFailover.startServer': true,
  'dhcpFailover.cutLink': true,
  'dhcpFailover.restoreLink': true,
  'dhcpFailover.setPartnerDown': true,
  'dhcpFailover.filterScopes': true,
  'dhcpFailover.clearScopeFilter': true,
  'dhcpFailover.showLog': true,
  'dhcpFailover.loadMore': true,
  'dhcpFailover.retry': true,
};

/** Every command id at runtime, for the tests that hold the map against package.json and the registrations. */
export const COMMAND_IDS = Object.keys(EVERY_COMMAND) as CommandId[];

/** A click on a tree item or the status bar runs this command with these arguments. */
export function commandInvocation<K extends CommandId>(id: K, title: string, ...args: Parameters<DhcpFailoverCommands[K]>): vscode.Command {
  return { command: id, title, arguments: args };
}
