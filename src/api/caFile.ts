// The internal CA file for Micetro's certificate: read once, and refused whole when it holds anything but PEM
// certificates, so a wrong file is a clear error instead of a trust that silently does not apply.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** The PEM certificates in `path`; throws an error naming the file and what is wrong with it. */
export function readCaFile(path: string, setting = 'dhcpFailover.caFile'): string[] {
  const where = `The CA file "${path}" (setting ${setting})`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${where} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, { cause: error });
  }
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) {
    throw new Error(`${where} holds no PEM certificate; export the CA certificate as PEM (Base64, "-----BEGIN CERTIFICATE-----").`);
  }
  return blocks.map((block, index) => {
    if (block[1] !== 'CERTIFICATE') {
      throw new Error(`${where} holds a ${block[1]} as its block ${index + 1}; it should hold only CA certificates.`);
    }
    try {
      new X509Certificate(block[0]);
    } catch {
      throw new Error(`${where} holds a damaged certificate as its block ${index + 1}; export it again as PEM.`);
    }
    return block[0];
  });
}
