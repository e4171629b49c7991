import { TOKEN_PARAM } from '../../../shared/http';

const KEY = 'embedops.token';

/**
 * The serve-mode access token. It arrives once in the page URL (`?token=`), is kept for this tab
 * in sessionStorage, and is removed from the address bar so it does not end up in screenshots or
 * bookmarks.
 */
export function accessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    try {
      sessionStorage.setItem(KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token then lives only in this page load.
    }
    url.searchParams.delete(TOKEN_PARAM);
    window.history.replaceState(window.history.state, '', url.toString());
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
