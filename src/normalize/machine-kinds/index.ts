import crlReachability from './crl-reachability/index.js';
import type { MachineKind } from './define-machine-kind.js';
import dotnetFramework from './dotnet-framework/index.js';
import exsetupVersion from './exsetup-version/index.js';
import installedPatches from './installed-patches/index.js';
import operatingSystem from './operating-system/index.js';
import owaFiles from './owa-files/index.js';
import publisherRevocationCheck from './publisher-revocation-check/index.js';
import rpcProxy from './rpc-proxy/index.js';
import services from './services/index.js';
import setupLog from './setup-log/index.js';

/** Every per-machine record kind, in the order their facts are read (the one place a new kind is added). */
/** The OS comes first: its language tells how the later kinds read an ambiguous date such as 05/03/2013. */
export const MACHINE_KINDS: readonly MachineKind[] = [
  operatingSystem,
  exsetupVersion,
  installedPatches,
  crlReachability,
  dotnetFramework,
  owaFiles,
  rpcProxy,
  services,
  publisherRevocationCheck,
  setupLog,
];
