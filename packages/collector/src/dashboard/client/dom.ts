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

export interface Column<Row> {
  title: string
  value: (row: Row) => string | number
}

/** A table whose rows carry `data-key` and whose numeric cells carry `data-value`. */
export function table<Row>(caption: string, columns: Column<Row>[], rows: Row[], key: (row: Row) => string) {
  const head = el('tr', {}, ...columns.map((column) => el('th', { scope: 'col' }, column.title)))
  const body = rows.map((row) =>
    el(
      'tr',
      { 'data-key': key(row) },
      ...columns.map((column) => {
        const value = column.value(row)
        return typeof value === 'number'
          ? el('td', { 'data-value': String(value) }, String(value))
          : el('td', {}, value)
      }),
    ),
  )
  const empty = rows.length ? [] : [el('tr', {}, el('td', { colspan: String(columns.length) }, 'Nothing to show'))]
  return el('table', {}, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...body, ...empty))
}

export const fill = (parent: Element | null, ...children: Node[]) => parent?.replaceChildren(...children)
