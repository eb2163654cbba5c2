/** Hash routes of the app: `#/`, `#/settings`, `#/run/:id`, `#/results/:id`, `#/compare?ids=1,2&ref=0`. */
export type Route =
  | { readonly page: 'experiments' }
  | { readonly page: 'settings' }
  | { readonly page: 'run'; readonly id: number }
  | { readonly page: 'results'; readonly id: number }
  | {
      readonly page: 'compare';
      readonly ids: readonly number[];
      readonly ref: number;
      readonly metric?: string;
      /** Multiple-comparison correction (Holm when absent) and significance level (0.05 when absent). */
      readonly correction?: 'holm' | 'bonferroni' | 'bh';
      readonly alpha?: number;
    }
  | { readonly page: 'not-found'; readonly hash: string };

const positive = (s: string | undefined): number | null => {
  if (!s || !/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
};

/** Parses `location.hash` into a route (unknown or malformed hashes → not-found). */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { page: 'experiments' };
  const [head, arg] = parts;
  if (head === 'settings' && parts.length === 1) return { page: 'settings' };
  if ((head === 'run' || head === 'results') && parts.length === 2) {
    const id = positive(arg);
    if (id !== null) return { page: head, id };
  }
  if (head === 'compare' && parts.length === 1) {
    const params = new URLSearchParams(query);
    const ids = (params.get('ids') ?? '').split(',').map((s) => positive(s.trim())).filter((n): n is number => n !== null);
    const ref = Number(params.get('ref') ?? '0');
    const metric = params.get('metric') ?? undefined;
    const correction = params.get('correction');
    const alpha = Number(params.get('alpha'));
    return {
      page: 'compare',
      ids,
      ref: Number.isInteger(ref) && ref >= 0 ? ref : 0,
      ...(metric ? { metric } : {}),
      ...(correction === 'holm' || correction === 'bonferroni' || correction === 'bh' ? { correction } : {}),
      ...(alpha > 0 && alpha < 1 ? { alpha } : {}),
    };
  }
  return { page: 'not-found', hash };
}

/** The hash of a route (inverse of {@link parseHash}). */
export function hashOf(route: Route): string {
  switch (route.page) {
    case 'experiments':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'run':
      return `#/run/${route.id}`;
    case 'results':
      return `#/results/${route.id}`;
    case 'compare': {
      const q = new URLSearchParams({ ids: route.ids.join(','), ref: String(route.ref) });
      if (route.metric) q.set('metric', route.metric);
      if (route.correction) q.set('correction', route.correction);
      if (route.alpha !== undefined) q.set('alpha', String(route.alpha));
      return `#/compare?${q.toString().replace(/%2C/g, ',')}`;
    }
    case 'not-found':
      return route.hash;
  }
}
