// proxy-addr ships no types (and @types/proxy-addr is not installed): the part of its API this server uses.
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';

  /** Whether the hop `address`, `index` hops from the server (0: the socket's peer), is a trusted proxy. */
  type TrustFunction = (address: string, index: number) => boolean;

  /** The client's address: the right-most hop of the socket peer + X-Forwarded-For chain that is not trusted. */
  function proxyaddr(request: IncomingMessage, trust: TrustFunction): string | undefined;

  namespace proxyaddr {
    /** The socket peer, then X-Forwarded-For from right to left, up to and including the first untrusted hop. */
    function all(request: IncomingMessage, trust: TrustFunction): Array<string | undefined>;
    /** Compiles addresses, subnets (CIDR or netmask) and the names loopback, linklocal, uniquelocal; throws on others. */
    function compile(trusted: string[]): TrustFunction;
  }

  export = proxyaddr;
}
