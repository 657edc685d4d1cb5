// The end of every `switch` over a message union: the compiler proves it unreachable, so a new message kind that
// nobody handles breaks the build; at run time (a value the types did not foresee) it throws instead of doing nothing.
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)?.slice(0, 200)}`);
}
