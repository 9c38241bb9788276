/**
 * URLs of news: which are acceptable, how they are written once (so that one article under two
 * spellings is one article), and which addresses a fetch may reach.
 */
import { BlockList, isIP } from 'node:net';
import { scrubUrlSecrets } from '../../secrets.js';

/** A URL an operator gave or a feed carried is not one Dépêche fetches; French message. */
export class FeedUrlError extends Error {
  override name = 'FeedUrlError';
}

// Query parameters that only say where a click came from; they never change the page.
const TRACKING_PARAM = new RegExp(
  '^(?:' +
    [
      'utm_[a-z_]+', 'fbclid', 'gclid', 'dclid', 'gclsrc', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'yclid', 'twclid',
      'xtor', 'xtref', 'at_[a-z_]+', 'ns_[a-z_]+', '_ga', '_gl', 'ito', 'icid', 'ref_src', 'lmcode', 'taid', 'sref',
      'ocid', 'smid', 'smtyp', 'wt_mc', 'wt_zmc', 'mkt_tok', '__twitter_impression',
    ].join('|') +
    ')$',
  'i',
);

/** Parses a URL and refuses anything but http(s) without credentials. */
export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new FeedUrlError(`« ${shortUrl(text)} » n'est pas une adresse web (exemple : https://www.exemple.fr/rss.xml).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedUrlError(`« ${shortUrl(text)} » : seules les adresses http et https sont acceptées.`);
  }
  if (url.username || url.password) {
    throw new FeedUrlError('Une adresse avec identifiant ou mot de passe n’est pas acceptée (ils seraient enregistrés et journalisés).');
  }
  return url;
}

/**
 * One spelling per address: lower-case host, no default port, no fragment, no tracking
 * parameters, the others sorted, no trailing `?`. The path is kept as written (it may be case
 * sensitive).
 */
export function normaliseUrl(input: string | URL): string {
  const url = typeof input === 'string' ? parseHttpUrl(input) : new URL(input.href);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAM.test(key));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length > 0 ? new URLSearchParams(kept).toString() : '';
  if (url.pathname === '') url.pathname = '/';
  return url.href;
}

/**
 * The address an article is known under whatever copy was fetched: the normalised URL with its
 * AMP and print variants folded (`/amp/`, `.amp`, `amp.` host, `/amp` suffix) and `www.` and the
 * scheme dropped, so that `http://amp.journal.fr/a/1/amp` and `https://www.journal.fr/a/1` agree.
 */
export function articleIdentity(input: string | URL): string {
  const url = new URL(normaliseUrl(input));
  for (const key of [...url.searchParams.keys()]) if (/^(?:amp|outputtype)$/i.test(key)) url.searchParams.delete(key);
  let host = url.hostname.replace(/^(?:www|amp|m|mobile)\./, '');
  let path = url.pathname
    .replace(/\/amp(?=\/|$)/g, '')
    .replace(/\.amp(?=\.html?$|$)/, '')
    .replace(/\/(?:index\.html?)?$/, '');
  if (path === '') path = '/';
  host = host.toLowerCase();
  return `${host}${url.port ? `:${url.port}` : ''}${path}${url.search}`;
}

/** The link as an http(s) URL without credentials, or undefined (`urn:`, `javascript:`, `mailto:`, `user:pass@`…). */
export function httpLinkOrUndefined(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    return parseHttpUrl(text).href;
  } catch {
    return undefined;
  }
}

/**
 * The site a URL belongs to, for deciding whether two URLs may name one article: the host's
 * registrable part (`www.lemonde.fr` and `amp.lemonde.fr` → `lemonde.fr`; `bbc.co.uk` keeps three
 * labels when the last two look like a country's second level), plus the port when not the
 * default. An IP address is its own site.
 */
export function siteOf(input: string | URL): string {
  const url = typeof input === 'string' ? new URL(input) : input;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const port = url.port ? `:${url.port}` : '';
  if (isIP(host.replace(/^\[|\]$/g, ''))) return `${host}${port}`;
  const labels = host.split('.');
  // `gouv.fr`, `co.uk`, `com.au`: a short label under a two-letter country code is not a site.
  const keep = labels.length >= 3 && labels.at(-1)!.length === 2 && labels.at(-2)!.length <= 4 && /^(?:co|com|net|org|gov|gouv|ac|edu|asso|nom|ne|or|go)$/.test(labels.at(-2)!) ? 3 : 2;
  return `${labels.slice(-keep).join('.')}${port}`;
}

/** The URL without credentials nor the values of secret-named query parameters (`?token=`), shortened: safe to log and to show. */
export function shortUrl(text: string, max = 120): string {
  let shown = text;
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    shown = scrubUrlSecrets(url.href);
  } catch {
    // Not a URL: shown as typed, shortened.
    shown = scrubUrlSecrets(text);
  }
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

// Addresses that are not the public internet: loopback, private, link-local, CGNAT, multicast…
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b:1::', 48], ['2001:db8::', 32], ['100::', 64],
  // IPv4-compatible (deprecated), NAT64, 6to4 and site-local: each may carry or reach a private IPv4 address.
  ['::', 96], ['64:ff9b::', 96], ['2002::', 16], ['fec0::', 10],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

// Never reached, even with FEEDS_ALLOW_PRIVATE_NETWORK=1: link-local (cloud metadata at
// 169.254.169.254, fd00:ec2::254 on AWS, 100.100.100.200 on Alibaba Cloud).
const ALWAYS_BLOCKED = new BlockList();
ALWAYS_BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4');
ALWAYS_BLOCKED.addAddress('100.100.100.200', 'ipv4');
ALWAYS_BLOCKED.addSubnet('fe80::', 10, 'ipv6');
ALWAYS_BLOCKED.addAddress('fd00:ec2::254', 'ipv6');

/** True when an IP address (v4 or v6, v4-mapped included) is loopback, private, link-local or reserved. */
export function isNonPublicAddress(address: string): boolean {
  return inList(NON_PUBLIC, address) ?? true;
}

/** True when an address is link-local or a cloud metadata service: refused even with FEEDS_ALLOW_PRIVATE_NETWORK=1. */
export function isAlwaysBlockedAddress(address: string): boolean {
  return inList(ALWAYS_BLOCKED, address) ?? true;
}

/** Whether the list holds the address (a v4-mapped one as its IPv4); undefined when it is not an IP address. */
function inList(list: BlockList, address: string): boolean | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return list.check(mapped[1]!, 'ipv4');
  const family = isIP(bare);
  if (family === 4) return list.check(bare, 'ipv4');
  if (family === 6) return list.check(bare, 'ipv6');
  return undefined;
}
