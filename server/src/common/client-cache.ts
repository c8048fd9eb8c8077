/**
 * The built client's scripts and styles (`assets/`, named by a hash of their content) are kept by
 * browsers for a year without asking again; index.html and the rest are revalidated at every load
 * (express.static's default). Revalidated, every chunk of a page cost a round trip to the server at
 * each visit: in the board benchmark the board's ~60 chunks waited behind its map snapshots on a
 * busy server and the page mounted about 500 ms late (docs/PERFORMANCE.md).
 */
export function clientCacheHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  if (/[/\\]assets[/\\][^/\\]+$/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
