// Server-provided text keeps its characters but loses every way VS Code could render it as a link, an icon or other text.
import assert from 'node:assert/strict';
import { plainText } from '../../src/ui/plainText';
import { nodeId } from '../../src/ui/tree/nodes/treeNode';

/** The texts VS Code turns into something else: notification links, codicons (see linkedText.ts and iconLabels.ts). */
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const ICON = /\$\([a-z0-9-]+(?:~[a-z]+)?\)/i;

export const HOSTILE_NAMES = [
  '[Click me](command:dhcpFailover.disconnect)',
  '[docs](https://example.invalid "title")',
  '$(zap) urgent',
  '`rm -rf` ``code``',
  '<img src=x onerror=alert(1)>',
  'line one\nline two\r\n\tTabbed',
  'admin\u202Efdp.exe',
  'mark\u200Fhere\u2066iso\u2069\u061C',
];

describe('plainText: server-provided text shown as typed', () => {
  for (const name of HOSTILE_NAMES) {
    it(`neutralises ${JSON.stringify(name)}`, () => {
      const shown = plainText(name);
      assert.doesNotMatch(shown, LINK, 'no link');
      assert.doesNotMatch(shown, ICON, 'no icon');
      assert.doesNotMatch(shown, /[\n\r\t\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/, 'no newline or direction control');
      // What remains visible is the text itself: drop the joiners and read the escapes back.
      const read = shown
        .replace(/\u2060/g, '')
        .replace(/\\u([0-9A-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/\\n/g, '\n')
        .replace(/\\r/g, '\r')
        .replace(/\\t/g, '\t');
      assert.equal(read, name);
    });
  }

  it('leaves ordinary names untouched', () => {
    for (const name of ['dhcp-nyc-01', 'rvk-lon (office) [2]', '10.20.30.0/24', 'Ünïcødé café', 'cost $5 (approx)']) assert.equal(plainText(name), name);
  });
});

describe('nodeId: tree ids stay unique whatever the names', () => {
  it('keeps a name holding / or : apart from a deeper node', () => {
    const relationship = nodeId(nodeId(undefined, 'server', 'DHCPServers/1'), 'relationship', 'a/scope:DHCPScopes/5');
    const scope = nodeId(nodeId(nodeId(undefined, 'server', 'DHCPServers/1'), 'relationship', 'a'), 'scope', 'DHCPScopes/5');
    assert.notEqual(relationship, scope);
  });

  it('gives distinct ids to every name of a tricky set', () => {
    const names = ['a', 'a/b', 'a:b', 'a%2Fb', 'a/relationship:b', 'server:a', '', '%', ':', '/'];
    const ids = new Set<string>();
    for (const server of names) for (const name of names) ids.add(nodeId(nodeId(undefined, 'server', server), 'relationship', name));
    assert.equal(ids.size, names.length * names.length);
  });
});
