/** The benchmark scripts' command line: `--name value` pairs, and `--flag` alone as 'true'. */
export function cliArgs(argv: readonly string[] = process.argv.slice(2)): Record<string, string> {
  return Object.fromEntries(
    argv
      .map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1] && !all[i + 1]!.startsWith('--') ? all[i + 1]! : 'true'] : null))
      .filter((x): x is [string, string] => x !== null),
  );
}
