// Compile-only: `npm run typecheck` (test/tsconfig.json takes in all of test/unit) checks that the command map
// refuses a misspelt command id and an argument of the wrong kind. Nothing here runs: it is not a .test.ts, so
// no test bundle includes it, and each @ts-expect-error fails the type check as soon as the map accepts its line.
import { commandInvocation } from '../../src/ui/commands/commandMap';

// What the map accepts, so the refusals below cannot pass merely because every call fails to compile.
commandInvocation('dhcpFailover.refresh', 'Refresh');
commandInvocation('dhcpFailover.retry', 'Retry');

// @ts-expect-error: not a command of the map
commandInvocation('dhcpFailover.refesh', 'Refresh');
// @ts-expect-error: Retry takes an error node
commandInvocation('dhcpFailover.retry', 'Retry', 'not a node');
