import { summaryURL, WINDOWS } from './windows.js'

/** The dashboard's HTML shell: the client script fills it from the public API. */

/** JSON that is safe inside a `<script>` element: no `<` can close it. */
const scriptJSON = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c')

/** The sections of charts, each with the table of its numbers, in the order the page shows them. */
const CHART_SECTIONS = [
  ['installations', 'Installations over time'],
  ['versions', 'Version adoption over time'],
  ['countries', 'Countries'],
  ['providers', 'Providers and sections'],
  ['options', 'Most used options'],
  ['entry-points', 'Entry points per installation'],
  ['resolvers', 'Certificate resolvers per installation'],
  ['challenges', 'ACME challenges'],
] as const

const chartSection = ([id, title]: readonly [string, string]) => `  <section id="${id}" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${title}</h2>
    <div class="chart"></div><div class="table"></div>
  </section>`

/** The page for one window: the summary it will draw is asked for as the page arrives, not once its script runs. */
export function dashboardPage(optionPaths: readonly string[], days: number): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Baqup telemetry</title>
<link rel="icon" href="data:,">
<link rel="preload" href="${summaryURL(days)}" as="fetch" crossorigin="anonymous">
<link rel="stylesheet" href="/assets/dashboard.css">
<script type="module" src="/assets/dashboard.js"></script>
</head>
<body>
<header>
  <h1>Baqup telemetry</h1>
  <p>Public aggregates of Baqup's anonymous usage reports.</p>
  <form id="window" class="window">
    <label for="days">Window</label>
    <select id="days" name="days">
${WINDOWS.map(
  (window) => `      <option value="${window}">${window} days</option>
`,
).join('')}    </select>
  </form>
  <p id="status" role="status" aria-live="polite">Loading…</p>
  <dl class="facts">
    <div><dt>Date range</dt><dd data-stat="range"></dd></div>
    <div><dt>Installations</dt><dd data-stat="installations"></dd></div>
    <div><dt>Threshold</dt><dd data-stat="min-count"></dd></div>
    <div><dt>Networks</dt><dd data-stat="min-networks"></dd></div>
  </dl>
  <p id="folded" class="note"></p>
  <p id="hint" class="hint" role="note" hidden></p>
</header>
<main>
${CHART_SECTIONS.map(chartSection).join('\n')}
  <section id="explorer" aria-labelledby="explorer-title">
    <h2 id="explorer-title">Option explorer</h2>
    <form id="explore" class="explore">
      <label for="option-path">Option path</label>
      <input id="option-path" name="path" list="option-paths" autocomplete="off" spellcheck="false" placeholder="log.level">
      <button type="submit">Show</button>
    </form>
    <datalist id="option-paths"></datalist>
    <p id="option-message" class="option-message" role="status" hidden></p>
    <div id="option-result" hidden>
      <h3 data-stat="option-path"></h3>
      <p data-stat="option-help"></p>
      <h4>Adoption over time</h4>
      <div class="chart adoption"></div><div class="table adoption"></div>
      <h4>Values</h4>
      <div class="chart values"></div><div class="table values"></div>
    </div>
  </section>
</main>
<footer>
  <p class="note">Countries are looked up as each request arrives, in the <a href="https://github.com/sapics/ip-location-db">ip-location-db</a> databases (data by the <a href="https://www.nro.net/">NRO</a>, <a href="https://www.routeviews.org/">RouteViews</a> and <a href="https://db-ip.com">IP Geolocation by DB-IP</a>, CC BY 4.0); the address itself is not kept.</p>
</footer>
<script type="application/json" id="option-list">${scriptJSON(optionPaths)}</script>
</body>
</html>
`
}
