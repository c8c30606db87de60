/**
 * Whether a server requires sign-in (issue #12), read the same way by the Node and Worker entries:
 * `ZIPING_AUTH=on` (any case, spaces ignored) asks for it, and a Node server listening off
 * loopback always requires it. No I/O: the entries pass their option, variable and address.
 */
import { isLoopbackHost } from '../allowed-host.js';

/** True when the ZIPING_AUTH value switches sign-in on. */
function authSwitchedOn(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'on';
}

/**
 * Sign-in is required when asked (`option`, or ZIPING_AUTH=on) and always off loopback. `host` is
 * the address listened on, or null where there is none of the server's own (a Worker).
 */
export function authRequiredFor(
  host: string | null,
  option: boolean | undefined,
  fromEnv: string | undefined,
): boolean {
  return option === true || authSwitchedOn(fromEnv) || (host !== null && !isLoopbackHost(host));
}
