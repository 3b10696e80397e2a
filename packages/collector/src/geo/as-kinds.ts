/**
 * What kind of network an autonomous system is: an access provider (homes, offices, phones), a hosting
 * provider (clouds, data centres), or other (companies, universities, transit, unknown). The data has no
 * kind: it comes from the lists below, each AS number checked against the organization name the data
 * gives it, then from whole words of the organization name.
 */
export type AsKind = 'access' | 'hosting' | 'other'
/** Where a kind came from: the lists, the organization name, or neither (`other`). */
export type KindSource = 'list' | 'name' | 'none'

type Listed = readonly (readonly [asn: number, organization: string])[]

/** Clouds, hosting and content delivery: a client here runs on a rented server. */
export const HOSTING: Listed = [
  [16509, 'Amazon (AWS)'],
  [14618, 'Amazon (AWS)'],
  [8987, 'Amazon (AWS Europe)'],
  [15169, 'Google'],
  [396982, 'Google Cloud'],
  [19527, 'Google'],
  [8075, 'Microsoft (Azure)'],
  [24940, 'Hetzner'],
  [213230, 'Hetzner Cloud'],
  [212317, 'Hetzner (outside Europe)'],
  [16276, 'OVHcloud'],
  [14061, 'DigitalOcean'],
  [393406, 'DigitalOcean'],
  [63949, 'Akamai Connected Cloud (Linode)'],
  [20940, 'Akamai'],
  [16625, 'Akamai'],
  [13335, 'Cloudflare'],
  [54113, 'Fastly'],
  [45102, 'Alibaba Cloud'],
  [37963, 'Alibaba Cloud'],
  [31898, 'Oracle Cloud'],
  [132203, 'Tencent Cloud'],
  [45090, 'Tencent Cloud'],
  [55990, 'Huawei Cloud'],
  [136907, 'Huawei Cloud'],
  [12876, 'Scaleway'],
  [20473, 'Vultr (The Constant Company)'],
  [51167, 'Contabo'],
  [8560, 'IONOS'],
  [36351, 'IBM Cloud (SoftLayer)'],
  [26496, 'GoDaddy'],
  [398101, 'GoDaddy'],
  [46606, 'Unified Layer (Bluehost)'],
  [60781, 'Leaseweb Netherlands'],
  [28753, 'Leaseweb Germany'],
  [30633, 'Leaseweb USA'],
  [33070, 'Rackspace'],
  [9009, 'M247'],
  [197540, 'netcup'],
  [29802, 'Hivelocity'],
  [8100, 'QuadraNet'],
  [60068, 'Datacamp (CDN77)'],
  [9123, 'Timeweb'],
  [49505, 'Selectel'],
  [47583, 'Hostinger'],
  [22612, 'Namecheap'],
  [7979, 'Servers.com'],
]

/** Residential and mobile access, the largest providers of each region. */
export const ACCESS: Listed = [
  [7922, 'Comcast'],
  [7018, 'AT&T'],
  [20057, 'AT&T Mobility'],
  [701, 'Verizon'],
  [6167, 'Verizon Wireless'],
  [20115, 'Charter (Spectrum)'],
  [11427, 'Charter (Spectrum)'],
  [10796, 'Charter (Spectrum)'],
  [22773, 'Cox'],
  [21928, 'T-Mobile USA'],
  [5650, 'Frontier'],
  [209, 'CenturyLink (Lumen)'],
  [812, 'Rogers'],
  [577, 'Bell Canada'],
  [852, 'Telus'],
  [6327, 'Shaw'],
  [3320, 'Deutsche Telekom'],
  [3209, 'Vodafone Germany'],
  [31334, 'Vodafone Germany (cable)'],
  [6805, 'Telefónica Germany (O2)'],
  [3215, 'Orange France'],
  [12322, 'Free'],
  [15557, 'SFR'],
  [5410, 'Bouygues Telecom'],
  [2856, 'BT'],
  [5089, 'Virgin Media'],
  [5607, 'Sky UK'],
  [13285, 'TalkTalk'],
  [3352, 'Telefónica Spain (Movistar)'],
  [12430, 'Vodafone Spain'],
  [3269, 'Telecom Italia (TIM)'],
  [30722, 'Vodafone Italy'],
  [12874, 'Fastweb'],
  [1136, 'KPN'],
  [33915, 'Vodafone Netherlands (Ziggo)'],
  [5432, 'Proximus'],
  [3303, 'Swisscom'],
  [8447, 'A1 Telekom Austria'],
  [5617, 'Orange Poland'],
  [2119, 'Telenor Norway'],
  [3301, 'Telia Sweden'],
  [12389, 'Rostelecom'],
  [8359, 'MTS'],
  [3216, 'Beeline (Vimpelcom)'],
  [9121, 'Türk Telekom'],
  [8151, 'Telmex (Uninet)'],
  [28573, 'Claro Brazil'],
  [18881, 'Telefônica Brazil (Vivo)'],
  [22927, 'Telefónica Argentina'],
  [7303, 'Telecom Argentina'],
  [4134, 'China Telecom'],
  [4837, 'China Unicom'],
  [9808, 'China Mobile'],
  [4713, 'NTT (OCN)'],
  [2516, 'KDDI'],
  [17676, 'SoftBank'],
  [9605, 'NTT Docomo'],
  [4766, 'Korea Telecom'],
  [9318, 'SK Broadband'],
  [3786, 'LG U+'],
  [55836, 'Reliance Jio'],
  [9498, 'Bharti Airtel'],
  [45609, 'Bharti Airtel (mobile)'],
  [45271, 'Vodafone Idea'],
  [9829, 'BSNL'],
  [7713, 'Telkom Indonesia'],
  [45899, 'VNPT'],
  [7552, 'Viettel'],
  [9299, 'PLDT'],
  [3462, 'Chunghwa Telecom (HiNet)'],
  [1221, 'Telstra'],
  [4804, 'Optus'],
  [7545, 'TPG'],
  [8452, 'Telecom Egypt (TE Data)'],
  [25019, 'Saudi Telecom (STC)'],
]

export const LISTED_KINDS: ReadonlyMap<number, AsKind> = new Map([
  ...HOSTING.map(([asn]) => [asn, 'hosting'] as const),
  ...ACCESS.map(([asn]) => [asn, 'access'] as const),
])

/**
 * Whole words of an organization name, case-insensitive, hosting first: a provider's hosting arm is
 * named for it ("… Telecom Cloud"). Words that also name transit or companies (`network`, `internet`,
 * `net`, `online`, `digital`) say nothing and are not here.
 */
const NAME_WORDS: readonly (readonly [kind: AsKind, words: readonly string[]])[] = [
  [
    'hosting',
    [
      'hosting',
      'cloud',
      'datacenter',
      'datacentre',
      'data center',
      'data centre',
      'server',
      'servers',
      'vps',
      'colocation',
    ],
  ],
  [
    'access',
    [
      'telecom',
      'telekom',
      'telecommunication',
      'telecommunications',
      'telecomunicacoes',
      'telecomunicações',
      'telecomunicaciones',
      'mobile',
      'broadband',
      'cable',
      'wireless',
      'communications',
      'isp',
      'fiber',
      'fibre',
    ],
  ],
]

const NAME_PATTERNS = NAME_WORDS.map(
  ([kind, words]) => [kind, new RegExp(`\\b(?:${words.join('|')})\\b`, 'i')] as const,
)

/** The kind of an AS: listed by its number, else told by its organization name, else `other`. */
export function kindOf(asn: number, organization: string): { kind: AsKind; kindFrom: KindSource } {
  const listed = LISTED_KINDS.get(asn)
  if (listed) return { kind: listed, kindFrom: 'list' }
  for (const [kind, pattern] of NAME_PATTERNS) if (pattern.test(organization)) return { kind, kindFrom: 'name' }
  return { kind: 'other', kindFrom: 'none' }
}
