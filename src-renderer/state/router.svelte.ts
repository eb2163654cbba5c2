import { hashOf, parseHash, type Route } from './routes.js';

/** The current hash route, kept in sync with `location.hash`. */
class Router {
  route = $state<Route>(parseHash(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(window.location.hash);
    });
  }

  /** Navigates to a route (adds a history entry). */
  go(route: Route): void {
    window.location.hash = hashOf(route);
  }

  /** Replaces the current route without a new history entry (e.g. changing the compare reference). */
  replace(route: Route): void {
    history.replaceState(history.state, '', hashOf(route));
    this.route = route;
  }
}

export const router = new Router();
