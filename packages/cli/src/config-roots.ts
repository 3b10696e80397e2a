/** Written in by the bundle's build (build.mjs): the root option names of every release. */
declare const __BAQUP_CONFIG_ROOTS__: readonly string[] | undefined

/**
 * The root option names of every release (`pilot` is 2.x's), in lower case: what tells a
 * configuration flag from the CLI's own, whichever release the flags are read for.
 * The bundle knows them from its build, so that `--help` or `--version` never load the schema.
 */
export async function configRoots(): Promise<ReadonlySet<string>> {
  const names =
    typeof __BAQUP_CONFIG_ROOTS__ === 'undefined'
      ? Object.keys((await import('@baqup/schemas')).allReleasesSchema().shape)
      : __BAQUP_CONFIG_ROOTS__
  return new Set(names.map((name) => name.toLowerCase()))
}
