/** Small DOM builders: every number is written as text with a data attribute tests read back. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  node.append(...children)
  return node
}

/**
 * A label that wraps only after its dots (`providers.docker.<wbr>exposedByDefault`), never inside a
 * word; a part still too long for its place is cut with an ellipsis by the style sheet, and the
 * whole text is in the title.
 */
export function label(tag: 'span' | 'td', text: string, attributes: Record<string, string> = {}): HTMLElement {
  const parts = text.split(/(?<=\.)/)
  const node = el(tag, { ...attributes, class: `label ${attributes.class ?? ''}`.trim(), title: text })
  parts.forEach((part, index) => {
    if (index) node.append(document.createElement('wbr'))
    node.append(part)
  })
  return node
}

export interface Column<Row> {
  title: string
  value: (row: Row) => string | number
}

/** A table whose rows carry `data-key` and whose numeric cells carry `data-value`; `none` says why it has no rows. */
export function table<Row>(
  caption: string,
  columns: Column<Row>[],
  rows: Row[],
  key: (row: Row) => string,
  none = 'Nothing to show',
) {
  const head = el('tr', {}, ...columns.map((column) => el('th', { scope: 'col' }, column.title)))
  const body = rows.map((row) =>
    el(
      'tr',
      { 'data-key': key(row) },
      ...columns.map((column) => {
        const value = column.value(row)
        return typeof value === 'number' ? el('td', { 'data-value': String(value) }, String(value)) : label('td', value)
      }),
    ),
  )
  const empty = rows.length ? [] : [el('tr', {}, el('td', { colspan: String(columns.length), class: 'empty' }, none))]
  return el('table', {}, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...body, ...empty))
}

export const fill = (parent: Element | null, ...children: Node[]) => parent?.replaceChildren(...children)
