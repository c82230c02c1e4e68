// Where the repository is: npm start, npm run deploy and wiki.mjs read and write relative to it, from any folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (the one with package.json). */
export const ROOT = path.resolve( path.dirname( fileURLToPath( import.meta.url ) ), '../..' );
