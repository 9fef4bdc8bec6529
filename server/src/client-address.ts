import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';

/** Whether the hop `address`, `index` hops from the server (0: the socket's peer), is a proxy trusted to name the hop before it. */
export type TrustProxy = (address: string, index: number) => boolean;

/** The default: no proxy is trusted, the client is the socket's peer and X-Forwarded-For is ignored. */
export const trustNothing: TrustProxy = () => false;

const PREDEFINED = 'loopback, linklocal or uniquelocal';

/**
 * Reads TRUST_PROXY with Express's "trust proxy" meaning: empty or `false`
 * trusts nothing; a whole number n trusts the n hops nearest the server; else
 * a comma-separated list of addresses, subnets and the names loopback,
 * linklocal, uniquelocal. `true` (Express: trust every hop) is refused: the
 * client would then pick its own address and with it its rate-limit bucket.
 * Throws a message that says what is wrong.
 */
export function parseTrustProxy(setting: string): TrustProxy {
  const value = setting.trim();
  if (value === '' || value === 'false') return trustNothing;
  if (value === 'true') {
    throw new Error(
      '"true" would trust every hop, so any client could name its own address; give the number of proxies in front of the server or their addresses',
    );
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, index) => index < hops;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    throw new Error(
      `expected a number of hops or a comma-separated list of addresses, subnets and ${PREDEFINED} (${(error as Error).message})`,
    );
  }
}

/**
 * The client's address, by one rule for HTTP requests and WebSocket upgrades
 * alike: walking from the socket's peer leftwards through X-Forwarded-For, the
 * first hop that is not a trusted proxy. Everything left of it may be forged.
 * A hop that is not an address at all (a proxy passing a client's header on
 * untouched) never becomes a rate-limit key: the nearest address stands in.
 */
export function clientAddress(request: IncomingMessage, trust: TrustProxy): string {
  const hops = proxyaddr.all(request, trust);
  return hops.findLast((hop): hop is string => hop !== undefined && isIP(hop) !== 0) ?? 'unknown';
}
