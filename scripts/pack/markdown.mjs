// Code blocks read out of the documentation, so that what the documentation shows is what is tested.
import { readFileSync } from 'node:fs'

/** The first ```ts block (or ```js, …) of the section whose `##` heading starts with `heading`. */
export function sectionExample(file, heading, language = 'ts') {
  const text = readFileSync(file, 'utf8')
  const sections = text.split(/^(?=## )/m)
  const section = sections.find((part) => part.startsWith(`## ${heading}`))
  if (!section) throw new Error(`${file}: no section "## ${heading}"`)
  const block = new RegExp(`^\`\`\`${language}\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(section)
  if (!block) throw new Error(`${file}: the section "## ${heading}" has no \`\`\`${language} block`)
  return block[1]
}
