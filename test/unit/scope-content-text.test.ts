// The text Compare with Partner shows for one scope instance: stable and sorted, equal for equivalent forms, and
// different (on the line that differs) for every kind of change a partner's copy can have.
import assert from 'node:assert/strict';
import { normalClientId, scopeContentText, type ScopeContent } from '../../src/failover';

const BASE: ScopeContent = {
  network: '10.20.10.0/24',
  name: '10.20.10.0/24',
  description: 'London office, floor 3',
  enabled: true,
  pools: [{ from: '10.20.10.20', to: '10.20.10.240' }],
  exclusions: [
    { from: '10.20.10.100', to: '10.20.10.110' },
    { from: '10.20.10.20', to: '10.20.10.29' },
  ],
  reservations: [
    { name: 'printer-b', clientIdentifier: '00-15-5d-14-0a-1f', addresses: ['10.20.10.100'], description: 'Floor 3' },
    { name: 'printer-a', clientIdentifier: '00-15-5d-14-0a-1e', addresses: ['10.20.10.30'] },
  ],
  options: [
    { option: '51', value: '28800' },
    { option: '15', value: 'corp.example' },
    { option: '6', value: '10.0.0.53,10.0.1.53' },
    { option: '3', value: '10.20.10.1' },
  ],
};

const text = (changes: Partial<ScopeContent> = {}) => scopeContentText({ ...BASE, ...changes });

/** The lines of `b` that are not in `a`. */
function changedLines(a: string, b: string): string[] {
  const before = new Set(a.split('\n'));
  return b.split('\n').filter((line) => !before.has(line));
}

describe('scope content text', () => {
  it('writes sections in a fixed order, addresses sorted numerically, options by code with their names', () => {
    assert.equal(
      text(),
      [
        'Scope 10.20.10.0/24',
        'Name: "10.20.10.0/24"',
        'Description: "London office, floor 3"',
        'Enabled: yes',
        'Lease duration: 8 hours',
        '',
        'Address pools (1)',
        '  10.20.10.20 – 10.20.10.240',
        '',
        'Exclusions (2)',
        '  10.20.10.20 – 10.20.10.29',
        '  10.20.10.100 – 10.20.10.110',
        '',
        'Reservations (2)',
        '  10.20.10.30  "printer-a"  client 00-15-5d-14-0a-1e',
        '  10.20.10.100  "printer-b"  client 00-15-5d-14-0a-1f  description "Floor 3"',
        '',
        'Options (3)',
        '  3 Router: 10.20.10.1',
        '  6 DNS Servers: 10.0.0.53, 10.0.1.53',
        '  15 DNS Domain Name: corp.example',
        '',
      ].join('\n'),
    );
  });

  it('says "(none)" for an empty section and "not set" for a missing lease time; unknown codes by number', () => {
    const empty = text({ pools: [], exclusions: [], reservations: [], options: [{ option: '252', value: 'http://wpad/wpad.dat' }] });
    assert.match(empty, /Lease duration: not set/);
    assert.match(empty, /Address pools \(0\)\n {2}\(none\)/);
    assert.match(empty, /Options \(1\)\n {2}252: http:\/\/wpad\/wpad.dat/);
  });

  it('gives equivalent forms the same text: list order, MAC case and separators, option spacing and code form', () => {
    const equivalent = text({
      exclusions: [...BASE.exclusions].reverse(),
      reservations: [
        { name: 'printer-a', clientIdentifier: '00:15:5D:14:0A:1E', addresses: [' 10.20.10.30 '] },
        { name: 'printer-b', clientIdentifier: '00155d140a1f', addresses: ['10.20.10.100'], description: 'Floor 3' },
      ],
      options: [
        { option: '003', value: '10.20.10.1' },
        { option: '6', value: ' 10.0.0.53 ,  10.0.1.53' },
        { option: '15', value: 'CORP.example' },
        { option: '51', value: '28800' },
      ],
    });
    assert.equal(equivalent, text());
  });

  it('keeps the order of a DNS server list, which clients follow', () => {
    assert.notEqual(text({ options: [{ option: '6', value: '10.0.1.53,10.0.0.53' }] }), text({ options: [{ option: '6', value: '10.0.0.53,10.0.1.53' }] }));
  });

  it('normalises MAC addresses only, leaving other client ids as given', () => {
    assert.equal(normalClientId('00-15-5D-14-0A-28'), '00-15-5d-14-0a-28');
    assert.equal(normalClientId('0015.5d14.0a28'), '00-15-5d-14-0a-28');
    assert.equal(normalClientId('01:00:15:5d:14:0a:28'), '01:00:15:5d:14:0a:28');
    assert.equal(normalClientId('host-id'), 'host-id');
  });

  it('finds every kind of difference, on the line that differs', () => {
    const base = text();
    const reservation = { name: 'badge', clientIdentifier: '00-15-5d-14-0a-28', addresses: ['10.20.10.40'], type: 'Both' };
    const cases: Array<[string, Partial<ScopeContent>, string[]]> = [
      ['name', { name: 'London 3' }, ['Name: "London 3"']],
      ['description', { description: 'Floor 3' }, ['Description: "Floor 3"']],
      ['enabled', { enabled: false }, ['Enabled: no']],
      ['lease duration', { options: BASE.options.map((o) => (o.option === '51' ? { ...o, value: '86400' } : o)) }, ['Lease duration: 1 day']],
      ['pool', { pools: [{ from: '10.20.10.20', to: '10.20.10.200' }] }, ['  10.20.10.20 – 10.20.10.200']],
      ['exclusion added', { exclusions: [...BASE.exclusions, { from: '10.20.10.50', to: '10.20.10.59' }] }, ['Exclusions (3)', '  10.20.10.50 – 10.20.10.59']],
      ['reservation added', { reservations: [...BASE.reservations, reservation] }, ['Reservations (3)', '  10.20.10.40  "badge"  client 00-15-5d-14-0a-28  type Both']],
      ['reservation client', { reservations: [{ ...BASE.reservations[1], clientIdentifier: '00-15-5d-14-0a-99' }, BASE.reservations[0]] }, ['  10.20.10.30  "printer-a"  client 00-15-5d-14-0a-99']],
      ['reservation name', { reservations: [{ ...BASE.reservations[1], name: 'printer-c' }, BASE.reservations[0]] }, ['  10.20.10.30  "printer-c"  client 00-15-5d-14-0a-1e']],
      ['reservation description', { reservations: [{ ...BASE.reservations[1], description: 'New' }, BASE.reservations[0]] }, ['  10.20.10.30  "printer-a"  client 00-15-5d-14-0a-1e  description "New"']],
      ['option value', { options: BASE.options.map((o) => (o.option === '6' ? { ...o, value: '10.30.0.53' } : o)) }, ['  6 DNS Servers: 10.30.0.53']],
      ['option added', { options: [...BASE.options, { option: '42', value: '10.0.0.123' }] }, ['Options (4)', '  42: 10.0.0.123']],
    ];
    for (const [kind, change, lines] of cases) assert.deepEqual(changedLines(base, text(change)), lines, kind);
    const removed = changedLines(text({ reservations: [BASE.reservations[0]] }), base);
    assert.deepEqual(removed, ['Reservations (2)', '  10.20.10.30  "printer-a"  client 00-15-5d-14-0a-1e'], 'reservation removed');
  });

  it('escapes newlines in server text, so no value can pose as another line', () => {
    assert.match(text({ description: 'a\nEnabled: no' }), /^Description: "a\\nEnabled: no"$/m);
    const reservations = [{ name: 'x', clientIdentifier: 'id\nOptions (0)', addresses: ['10.20.10.50'] }];
    assert.match(text({ reservations }), /client id\\nOptions \(0\)$/m);
    assert.match(text({ name: 'a\u2028b' }), /^Name: "a\\u2028b"$/m);
  });
});
