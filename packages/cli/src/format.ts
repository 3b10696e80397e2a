import { stringify as toYAML } from 'yaml'

export type OutputFormat = 'yaml' | 'json' | 'toml'
export const FORMATS: readonly OutputFormat[] = ['yaml', 'json', 'toml']

export function isFormat(value: unknown): value is OutputFormat {
  return FORMATS.includes(value as OutputFormat)
}

/** A configuration as the operator would write it, in the chosen format. TOML is loaded only when asked for. */
export async function formatConfig(config: Record<string, unknown>, format: OutputFormat): Promise<string> {
  if (format === 'json') return `${JSON.stringify(config, null, 2)}\n`
  if (format === 'yaml') return Object.keys(config).length ? toYAML(config) : '{}\n'
  const { default: toml } = await import('@iarna/toml')
  return toml.stringify(config as Parameters<typeof toml.stringify>[0])
}
