// Lints package.json's contributions: every command has the category and a Title Case title, tree-only commands
// stay out of the palette, menus and welcome links name existing commands, destructive actions come last.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../src/ui/commands/commandMap';

interface Command {
  command: string;
  title: string;
  category?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
interface ViewWelcome {
  view: string;
  when?: string;
  contents: string;
}
/** The parts of package.json these tests read. */
interface Manifest {
  contributes: {
    commands: Command[];
    menus: Record<string, MenuItem[]>;
    viewsWelcome: ViewWelcome[];
    views: { dhcpFailover: { id: string }[] };
    configuration: { properties: Record<string, unknown> };
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const { commands, menus } = manifest.contributes;
const ids = new Set(commands.map((command) => command.command));
// Check All Scopes for Drift is the Servers view's title button (the palette's Check for Drift asks what to check);
// Change This Copy Only… needs the scope node it is run on.
const TREE_ONLY = ['dhcpFailover.loadMore', 'dhcpFailover.retry', 'dhcpFailover.checkAllForDrift', 'dhcpFailover.changeScopeCopy'];
const SIMULATOR_ONLY = ['stopServer', 'startServer', 'cutLink', 'restoreLink', 'setPartnerDown'].map((id) => `dhcpFailover.${id}`);
/** Simulator controls offered only on tree nodes. */
const SIMULATOR_TREE_ONLY = ['dhcpFailover.changeScopeCopy'];
const SMALL_WORDS = new Set(['to', 'on', 'from', 'of', 'in', 'a', 'the', 'and', 'with', 'for']);

describe('package.json contributions', () => {
  it('gives every command the DHCP Failover category and an id in its namespace', () => {
    for (const command of commands) {
      assert.equal(command.category, 'DHCP Failover', command.command);
      assert.match(command.command, /^dhcpFailover\.[a-z][A-Za-z]+$/);
    }
  });

  it('writes titles in Title Case, with … only where more input follows', () => {
    for (const { command, title } of commands) {
      for (const word of title.replace('…', '').split(/\s+/)) {
        if (!SMALL_WORDS.has(word)) assert.match(word, /^[A-Z0-9]/, `"${title}" (${command})`);
      }
      assert.ok(!title.includes('...'), `${command} uses three dots instead of …`);
    }
    const asks = commands.filter((command) => command.title.endsWith('…')).map((command) => command.command);
    for (const id of ['dhcpFailover.connectToMicetro', 'dhcpFailover.addRelationship', 'dhcpFailover.removeRelationship', 'dhcpFailover.filterScopes']) {
      assert.ok(asks.includes(id), `${id} asks for more input and should end with …`);
    }
  });

  it('hides tree-only commands from the palette and shows simulator controls only with the simulator', () => {
    const palette = new Map(menus.commandPalette.map((item) => [item.command, item.when]));
    for (const id of TREE_ONLY) assert.equal(palette.get(id), 'false', id);
    for (const id of SIMULATOR_ONLY) assert.equal(palette.get(id), 'dhcpFailover.connection == simulator', id);
    for (const menu of ['view/item/context', 'view/title']) {
      for (const item of menus[menu] ?? []) {
        if (SIMULATOR_ONLY.includes(item.command) || SIMULATOR_TREE_ONLY.includes(item.command)) {
          assert.match(item.when ?? '', /(^|&& )dhcpFailover\.connection == simulator( &&|$)/, `${menu} shows ${item.command} without the simulator`);
        }
      }
    }
  });

  it('offers Add Scopes to Failover Relationship… only on relationships that can take scopes', () => {
    const onRelationships = menus['view/item/context'].filter(
      (item) => item.command === 'dhcpFailover.addScopesToRelationship' && /viewItem =~ \/\^relationship;/.test(item.when ?? ''),
    );
    assert.equal(onRelationships.length, 2, 'inline and in the context menu');
    for (const item of onRelationships) {
      const pattern = new RegExp(/viewItem =~ \/(.*)\/$/.exec(item.when ?? '')![1]);
      for (const state of ['normal', 'empty', 'configured']) {
        assert.ok(pattern.test(`relationship;health-ok;microsoft;${state};primary`), `${state}: ${item.when}`);
        assert.ok(!pattern.test(`relationship;health-ok;primary;readOnly;${state}`), `read-only ${state}: ${item.when}`);
      }
      for (const state of ['communicationInterrupted', 'partnerDown', 'recoverWait', 'startup']) {
        assert.ok(!pattern.test(`relationship;health-warning;hasScopes;microsoft;primary;${state}`), `${state}: ${item.when}`);
      }
    }
  });

  it('offers no write action on a read-only (ISC, Kea) relationship or its scopes', () => {
    const writes = ['editRelationship', 'removeRelationship', 'addScopesToRelationship', 'replicateRelationship', 'createScope', 'replicateScope', 'removeScopeFromFailover'];
    const items = menus['view/item/context'].filter(
      (item) => writes.some((name) => item.command === `dhcpFailover.${name}`) && /viewItem =~ \/\^(relationship|scope);/.test(item.when ?? ''),
    );
    assert.ok(items.length >= 9);
    for (const item of items) {
      const pattern = new RegExp(/viewItem =~ \/(.*)\/$/.exec(item.when ?? '')![1]);
      for (const kind of ['relationship', 'scope']) {
        assert.ok(!pattern.test(`${kind};failover;hasScopes;health-ok;normal;primary;readOnly`), `${item.command}: ${item.when}`);
      }
    }
  });

  it('types exactly the contributed commands in the command map', () => {
    assert.deepEqual(
      [...COMMAND_IDS].sort(),
      commands.map((command) => command.command).sort(),
      'src/ui/commands/commandMap.ts and contributes.commands list different commands',
    );
  });

  it('names only existing commands in menus and welcome views', () => {
    for (const [menu, items] of Object.entries(menus)) {
      for (const item of items) assert.ok(ids.has(item.command), `${menu} names unknown ${item.command}`);
    }
    for (const welcome of manifest.contributes.viewsWelcome) {
      for (const [, id] of welcome.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(ids.has(id), `welcome names unknown ${id}`);
    }
  });

  it('gives every welcome state a button (a command link alone on its line)', () => {
    for (const welcome of manifest.contributes.viewsWelcome) {
      const lines = welcome.contents.split('\n');
      assert.ok(
        lines.some((line) => /^\[[^\]]+\]\(command:[\w.]+\)$/.test(line.trim())),
        `${welcome.view} (${welcome.when}) has no button: ${JSON.stringify(welcome.contents)}`,
      );
    }
  });

  it('scopes every item menu to a view and a contextValue, with destructive actions in the last group', () => {
    for (const item of menus['view/item/context']) {
      assert.match(item.when ?? '', /view (==|=~) .*dhcpFailover/, `${item.command} has no view condition`);
      assert.match(item.when ?? '', /viewItem (==|=~)/, `${item.command} has no viewItem condition`);
      assert.match(item.group ?? '', /^(inline|[1-3]_(general|active|destructive)@\d+)$/, `${item.command} group ${item.group}`);
      if (/remove/i.test(item.command)) assert.match(item.group ?? '', /^3_destructive/, `${item.command} is destructive`);
    }
  });

  it('lets every view title item belong to one of the three views', () => {
    const views = new Set(manifest.contributes.views.dhcpFailover.map((view) => view.id));
    assert.deepEqual([...views], ['dhcpFailover.servers', 'dhcpFailover.scopes', 'dhcpFailover.drift']);
    for (const item of menus['view/title']) {
      const view = /view == ([\w.]+)/.exec(item.when ?? '')?.[1];
      assert.ok(view && views.has(view), `${item.command} in view/title names no view of ours`);
    }
  });

  it('contributes the six settings and never a password setting', () => {
    const properties = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(properties, [
      'dhcpFailover.authentication',
      'dhcpFailover.autoRefreshSeconds',
      'dhcpFailover.caFile',
      'dhcpFailover.drift.concurrency',
      'dhcpFailover.requestTimeoutSeconds',
      'dhcpFailover.simulator.profile',
    ]);
  });
});
