/** Narrower than this, no layout reads well: a smaller width is taken as this one. */
export const MIN_WIDTH = 40

interface Output {
  isTTY?: boolean
  columns?: number
}

/**
 * The width to lay text out in, or undefined when there is none (a pipe or a file: one record per
 * line, for grep). `COLUMNS`, when a positive integer, wins over the terminal's own width, as in
 * GNU tools and Python's `shutil.get_terminal_size`: what is asked for beats what is detected.
 */
export function outputWidth(output: Output, env: Record<string, string | undefined>): number | undefined {
  const asked = Number(env.COLUMNS)
  if (/^\s*\d+\s*$/.test(env.COLUMNS ?? '') && asked > 0) return Math.max(asked, MIN_WIDTH)
  if (output.isTTY && output.columns && output.columns > 0) return Math.max(output.columns, MIN_WIDTH)
  return undefined
}
