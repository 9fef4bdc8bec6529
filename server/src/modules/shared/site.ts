import type { Request } from 'express';
import type { DataSource } from 'typeorm';

/** The site's public address: PUBLIC_URL when set, else the address the request came to (through trusted proxies). */
export function siteOrigin(req: Request, publicUrl: string | undefined): string {
  return publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
}

/** The site's fund (one per deployment; the first made when there are several), or null before the seed. */
export async function siteFundId(dataSource: DataSource): Promise<string | null> {
  const [fund] = (await dataSource.query('SELECT id FROM funds ORDER BY created_at, id LIMIT 1')) as Array<{
    id: string;
  }>;
  return fund?.id ?? null;
}
