import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The YAML files directly in `folder`, sorted by name; none when the folder does not exist. */
export function listYamlFiles(folder: string): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => join(folder, name));
}
