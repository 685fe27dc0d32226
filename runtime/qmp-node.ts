/**
 * Node's socket and file modules for the QMP client and server, loaded on
 * first use (the first `listen` or `connect`), not when the runtime is
 * imported: an application that bundles only the generated decoders (for a
 * browser, say) never needs them.
 */

export type NetModule = typeof import('node:net');
export type FsModule = typeof import('node:fs');
export type NetSocket = import('node:net').Socket;
export type NetServer = import('node:net').Server;
export type NetAddressInfo = import('node:net').AddressInfo;

// Specifiers in variables: bundlers leave these imports alone (Node's own
// modules, never bundled), so bundling the runtime for a browser works.
const NODE_NET = 'node:net';
const NODE_FS = 'node:fs';

let net: Promise<NetModule> | undefined;
let fs: Promise<FsModule> | undefined;

export function loadNet(): Promise<NetModule> {
  return (net ??= import(NODE_NET) as Promise<NetModule>);
}

export function loadFs(): Promise<FsModule> {
  return (fs ??= import(NODE_FS) as Promise<FsModule>);
}

/** Removes a Unix socket file left by an earlier server (only a socket: never another kind of file), as QEMU does. */
export async function removeStaleSocket(path: string): Promise<void> {
  const { promises } = await loadFs();
  try {
    if ((await promises.lstat(path)).isSocket()) await promises.unlink(path);
  } catch {
    // absent: nothing to remove
  }
}
