// At most `limit` tasks at a time, the rest queued in order: a server-by-server read must not open one request per
// server at once on a site with hundreds of servers. (p-limit does the same, but is not a dependency of this project.)

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function concurrencyLimit(limit: number): Limiter {
  let running = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    if (running >= limit) return;
    const start = queue.shift();
    if (start) start();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        running++;
        // A task that throws before its promise exists (no connection any more) must still free its slot.
        new Promise<T>((started) => started(task()))
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          });
      });
      next();
    });
}
