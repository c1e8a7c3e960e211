/**
 * The SSRF rule for webhook endpoints (#24), pure: only public unicast addresses may be sent to.
 * Private (10/8, 172.16/12, 192.168/16), loopback, link-local (169.254/16: the cloud metadata
 * services), carrier-grade NAT (100.64/10: some clouds' metadata), unique-local IPv6 (fd00::/8,
 * AWS's fd00:ec2::254), multicast, reserved and unspecified addresses are refused, as are IPv6
 * forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo): ipaddr.js names the ranges.
 */
import ipaddr from "ipaddr.js";

/** Why an address is refused, or null when it is a public unicast one. */
export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  // `process` turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 it stands for.
  const ip = ipaddr.process(address);
  const range = ip.range();
  return range === "unicast" ? null : `${address} is a ${range} address`;
}

/** The URL's host as an IP literal (brackets of IPv6 taken off), or null for a name to resolve. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
