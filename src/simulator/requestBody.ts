// Reading a request body with a size limit. Past the limit the rest is not read: the request is refused, and
// the transport answers it with `Connection: close` so the client reads the refusal instead of a reset.
import type { IncomingMessage } from 'node:http';
import { SimulatorError } from './simulatorError';

const MB = 1024 * 1024;
/** The most an authenticated request may send: far above any real command (a full Replicate body is a few KB). */
export const MAX_BODY_BYTES = 16 * MB;
/** The most a request may send before it has proved who sends it (Login, JSON-RPC with a session in the body). */
export const MAX_UNAUTHENTICATED_BODY_BYTES = 64 * 1024;

const sizeText = (bytes: number) => (bytes >= MB ? `${bytes / MB} MB` : `${bytes / 1024} KB`);

/** Micetro's code for this answer is unknown; the HTTP status doubles as the code, as for the simulator's 405s. */
export const tooLarge = (limit: number) =>
  new SimulatorError(413, `The request body is larger than ${sizeText(limit)}; send less in one request.`, 413);

export const tooLargeWithoutCredentials = () =>
  new SimulatorError(
    413,
    `The request body is larger than ${sizeText(MAX_UNAUTHENTICATED_BODY_BYTES)}, the most a request without Basic or Bearer authorization may send; log in first and send the session as Bearer.`,
    413,
  );

/**
 * The body as text, at most `limit` bytes; a longer body (by its Content-Length or as it arrives) rejects with
 * `refusal()` and the rest is left unread.
 */
export function readBody(request: IncomingMessage, limit: number, refusal: () => SimulatorError = () => tooLarge(limit)): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(refusal());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.pause();
      chunks.length = 0;
      reject(refusal());
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
